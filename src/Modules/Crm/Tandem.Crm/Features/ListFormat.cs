using Microsoft.AspNetCore.Http;
using Tandem.Platform.Api;
using Tandem.SharedKernel;

namespace Tandem.Crm.Features;

/// <summary>A CRM list answers a page as JSON, or with <c>?format=csv</c> every match as CSV.</summary>
internal static class ListFormat
{
    public static async Task<IResult> RespondAsync<T>(
        string? format, string fileName, Func<Task<Result<Page<T>>>> page, Func<Task<Result<Func<Stream, Task>>>> export)
    {
        switch (format)
        {
            case null or "json":
                return (await page()).ToHttp();
            case "csv":
                var csv = await export();
                return csv.IsSuccess ? Results.Stream(csv.Value, Csv.ContentType, fileName) : Problems.From(csv.Error!);
            default:
                return Problems.From(Error.Validation("format", "json or csv."));
        }
    }
}
