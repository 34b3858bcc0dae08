using System.Net;
using System.Text.Json;
using FlagAdmin.Core.Common;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Audit;

namespace FlagAdmin.Web.Tests.Ui.Audit;

public sealed class AuditExportTests : IAsyncLifetime
{
    private AuditTrailSite _site = default!;

    public async Task InitializeAsync() => _site = await AuditTrailSite.StartAsync(FlagAdminFactory.Memory());

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task The_csv_export_holds_the_filtered_entries_newest_first_with_a_header()
    {
        await _site.ToggleAsync("checkout", "production", true, AuditTrailSite.Bob);
        await _site.ToggleAsync("search", "production", true, AuditTrailSite.Ada);
        await _site.SetRolloutAsync("checkout", "production", 2500, AuditTrailSite.Ada);

        var response = await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.csv?flag=checkout&environment=production");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("audit-shop.csv", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var rows = CsvRows(await response.Content.ReadAsStringAsync());
        Assert.Equal(AuditCsv.Columns, rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["ada@example.com", "rollout_changed", "shop", "production", "checkout"], rows[1][2..3].Concat(rows[1][4..8]));
        Assert.Equal(["bob@example.com", "flag_toggled"], [rows[2][2], rows[2][4]]);
        Assert.Equal("2026-05-04T10:01:00.000000Z", rows[2][1]);
        Assert.Equal(2500, JsonDocument.Parse(rows[1][10]).RootElement.GetProperty("rolloutBasisPoints").GetInt32());
    }

    [Fact]
    public async Task Csv_cells_are_quoted_where_needed_and_formulas_are_defused()
    {
        var reasons = new[] { "=HYPERLINK(\"http://evil\")", "+1", "-2+3", "@SUM(A1)", "plain, with \"quotes\"\nand a new line" };
        foreach (var reason in reasons)
        {
            var state = (await _site.Flags.GetFlagAsync("shop", "checkout")).StateIn("development")!;
            await _site.Flags.SetEnabledAsync("shop", "checkout", "development", !state.Enabled, state.Version, new ChangeContext("ada@example.com", reason));
        }

        var response = await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.csv?action=FlagToggled");

        var rows = CsvRows(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["'=HYPERLINK(\"http://evil\")", "'+1", "'-2+3", "'@SUM(A1)", "plain, with \"quotes\"\nand a new line"],
            rows.Skip(1).Select(r => r[8]).Reverse());
        Assert.All(rows, r => Assert.Equal(AuditCsv.Columns.Length, r.Count));
    }

    [Fact]
    public async Task The_json_export_is_an_array_of_entries_with_before_and_after_as_objects()
    {
        await _site.ToggleAsync("checkout", "production", true, new ChangeContext("bob@example.com", Via: "token 'ci'"));
        await _site.ToggleAsync("search", "development", true, AuditTrailSite.Ada);

        var response = await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.json?actor=bob%40example.com");

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("bob@example.com", entry.GetProperty("actor").GetString());
        Assert.Equal("token 'ci'", entry.GetProperty("via").GetString());
        Assert.Equal("flag_toggled", entry.GetProperty("action").GetString());
        Assert.Equal("checkout", entry.GetProperty("flag").GetString());
        Assert.False(entry.GetProperty("before").GetProperty("enabled").GetBoolean());
        Assert.True(entry.GetProperty("after").GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("reason").ValueKind);
    }

    [Fact]
    public async Task An_export_spans_every_page_of_the_filtered_set()
    {
        for (var i = 0; i < 510; i++) // more than one batch of the export (500)
        {
            await _site.ToggleAsync("search", "development", i % 2 == 0, AuditTrailSite.Ada);
        }
        var first = await _site.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500 });
        var rest = await _site.Flags.HistoryAsync(new Core.Audit.AuditQuery { ProjectKey = "shop", Limit = 500, BeforeId = first.NextBeforeId });
        var expected = first.Items.Concat(rest.Items).Select(e => e.Id).ToList();
        Assert.Null(rest.NextBeforeId);

        using var json = JsonDocument.Parse(await (await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.json")).Content.ReadAsStringAsync());
        var csv = CsvRows(await (await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.csv")).Content.ReadAsStringAsync());

        Assert.Equal(expected, json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(expected, csv.Skip(1).Select(r => long.Parse(r[0])));
    }

    [Fact]
    public async Task An_empty_export_is_an_empty_array_or_just_the_header()
    {
        using var json = JsonDocument.Parse(await (await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.json?actor=nobody")).Content.ReadAsStringAsync());
        var csv = CsvRows(await (await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.csv?actor=nobody")).Content.ReadAsStringAsync());

        Assert.Equal(0, json.RootElement.GetArrayLength());
        Assert.Single(csv);
    }

    [Fact]
    public async Task An_export_with_filters_that_cannot_be_read_says_why()
    {
        var response = await _site.Client(Role.Viewer).GetAsync("/projects/shop/audit/export.csv?from=soon");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'soon' is not a time", await response.Content.ReadAsStringAsync());
    }

    /// <summary>A strict RFC 4180 reader (quoted cells, doubled quotes, CRLF rows), skipping a leading byte order mark.</summary>
    internal static List<List<string>> CsvRows(string text)
    {
        text = text.TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.Equal(0, cell.Length);
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c);
                cell.Append(c);
            }
        }
        Assert.Empty(row);
        Assert.Equal(0, cell.Length);
        return rows;
    }
}
