using Microsoft.AspNetCore.Http;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>RFC 9457 problem details with a stable machine <c>code</c>: the one shape every API error takes.</summary>
public static class Problems
{
    public static IResult From(Error error) => Results.Problem(
        statusCode: error.Code == "if_match_required" ? StatusCodes.Status428PreconditionRequired : StatusOf(error.Kind),
        title: error.Message,
        type: $"https://tandem.dev/problems/{error.Code.Replace('_', '-')}",
        extensions: Extensions(error));

    public static IResult Of(string code, string message, int status) => Results.Problem(
        statusCode: status,
        title: message,
        type: $"https://tandem.dev/problems/{code.Replace('_', '-')}",
        extensions: new Dictionary<string, object?> { ["code"] = code });

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static Dictionary<string, object?> Extensions(Error error)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = error.Code };
        if (error.Fields is not null)
            extensions["errors"] = error.Fields;
        if (error.Data is not null)
        {
            foreach (var (key, value) in error.Data)
                extensions[key] = value;
        }
        return extensions;
    }

    /// <summary>200 with the record and its version as the ETag, or the problem that refused it.</summary>
    public static IResult ToHttpWithETag<T>(this Result<T> result, HttpResponse response, Func<T, long> version) =>
        result.ToHttp(value =>
        {
            ETags.Write(response, version(value));
            return Results.Ok(value);
        });

    /// <summary>Turns a use case's outcome into 200 with the value, or the problem that refused it.</summary>
    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult>? onSuccess = null) =>
        result.IsSuccess ? (onSuccess?.Invoke(result.Value) ?? Results.Ok(result.Value)) : From(result.Error!);
}
