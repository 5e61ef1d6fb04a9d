using Microsoft.AspNetCore.Http;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>
/// Optimistic concurrency over HTTP: GET sends the record's version as its ETag; PUT/PATCH must send it back
/// in If-Match. Handlers take a <c>Func&lt;string, Error?&gt;</c> version check so the API (If-Match) and the
/// pages (the version they loaded) share one rule.
/// </summary>
public static class ETags
{
    public static string Of(long version) => Of(version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Of(string version) => $"\"{version}\"";

    public static void Write(HttpResponse response, long version) => response.Headers.ETag = Of(version);

    public static void Write(HttpResponse response, string version) => response.Headers.ETag = Of(version);

    /// <summary>The refusal for a missing (428) or stale (412) If-Match, or null when it matches.</summary>
    public static Error? Check(HttpRequest request, long currentVersion) =>
        Check(request, currentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Error? Check(HttpRequest request, string currentVersion)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
            return new Error("if_match_required", "Send the record's ETag in If-Match to change it.", ErrorKind.PreconditionFailed);
        if (ifMatch.Trim() == "*")
            return null;
        var presented = ifMatch.Split(',').Select(v => v.Trim().Replace("W/", "", StringComparison.Ordinal));
        return presented.Contains(Of(currentVersion)) ? null : Stale(currentVersion);
    }

    /// <summary>The check a page makes: the record must still be at the version the user loaded.</summary>
    public static Error? Expect(string loadedVersion, string currentVersion) =>
        string.Equals(loadedVersion, currentVersion, StringComparison.Ordinal) ? null : Stale(currentVersion);

    private static Error Stale(string currentVersion) =>
        new("version_mismatch", "The record was changed since you read it; reload it and try again.", ErrorKind.PreconditionFailed)
        {
            Data = new Dictionary<string, object?> { ["currentVersion"] = currentVersion },
        };
}
