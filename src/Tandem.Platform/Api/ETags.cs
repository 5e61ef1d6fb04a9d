using Microsoft.AspNetCore.Http;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>Optimistic concurrency over HTTP: GET sends the version as ETag; PUT/PATCH must send it back in If-Match.</summary>
public static class ETags
{
    public static string Of(long version) => $"\"{version}\"";

    public static void Write(HttpResponse response, long version) => response.Headers.ETag = Of(version);

    /// <summary>The refusal for a missing (428) or stale (412) If-Match, or null when it matches.</summary>
    public static Error? Check(HttpRequest request, long currentVersion)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
            return new Error("if_match_required", "Send the record's ETag in If-Match to change it.", ErrorKind.PreconditionFailed);
        if (ifMatch.Trim() == "*")
            return null;
        var presented = ifMatch.Split(',').Select(v => v.Trim().Replace("W/", "", StringComparison.Ordinal));
        return presented.Contains(Of(currentVersion))
            ? null
            : new Error("version_mismatch", "The record was changed since you read it; reload it and try again.", ErrorKind.PreconditionFailed)
            {
                Data = new Dictionary<string, object?> { ["currentVersion"] = currentVersion },
            };
    }
}
