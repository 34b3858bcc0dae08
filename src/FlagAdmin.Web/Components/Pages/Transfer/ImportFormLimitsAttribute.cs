using FlagAdmin.Web.Api.Transfer;
using Microsoft.AspNetCore.Http.Metadata;

namespace FlagAdmin.Web.Components.Pages.Transfer;

/// <summary>
/// Form limits of the Import / export page: a document of up to <see cref="TransferEndpoints.MaxImportBytes"/>
/// arrives as a file and comes back as one form value (the dry run's page carries it to the apply). The framework's
/// defaults (4 MB per value) would refuse that. The body may be twice the document's limit so that a somewhat too
/// large file still reaches the page and is explained next to its field; beyond that the server answers 413.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ImportFormLimitsAttribute : Attribute, IFormOptionsMetadata, IRequestSizeLimitMetadata
{
    public const long MaxBodyBytes = 2 * TransferEndpoints.MaxImportBytes + 1024 * 1024;

    public long? MaxRequestBodySize => MaxBodyBytes;
    public long? MultipartBodyLengthLimit => MaxBodyBytes + 1;
    public int? ValueLengthLimit => (int)MaxBodyBytes;
    public long? BufferBodyLengthLimit => MaxBodyBytes + 1;
    public bool? BufferBody => null;
    public int? MemoryBufferThreshold => null;
    public int? ValueCountLimit => null;
    public int? KeyLengthLimit => null;
    public int? MultipartBoundaryLengthLimit => null;
    public int? MultipartHeadersCountLimit => null;
    public int? MultipartHeadersLengthLimit => null;
}
