using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FlagAdmin.Core.Flags;

namespace FlagAdmin.Web.Api.Flags;

/// <summary>
/// The <c>next</c>/<c>after</c> of a list of changes: where the next page starts, and the earliest watermark of the pages
/// read so far, so the last page tells the client to start its next list before any write that was in progress while it
/// paged. Opaque to clients: base64url of "&lt;µs since epoch&gt;:&lt;µs since epoch&gt;:&lt;flag key&gt;".
/// </summary>
public sealed record ChangesCursor(FlagPosition Position, DateTimeOffset SyncedTo)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        $"{Microseconds(Position.ModifiedAt)}:{Microseconds(SyncedTo)}:{Position.Key}"));

    public static ChangesCursor? TryDecode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 3);
            return parts.Length == 3 && Time(parts[0]) is { } at && Time(parts[1]) is { } syncedTo && parts[2].Length > 0
                ? new ChangesCursor(new FlagPosition(at, parts[2]), syncedTo)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static long Microseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static DateTimeOffset? Time(string microseconds) =>
        long.TryParse(microseconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond
            ? DateTimeOffset.UnixEpoch.AddTicks(value * TimeSpan.TicksPerMicrosecond)
            : null;
}
