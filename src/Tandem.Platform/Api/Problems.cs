using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>RFC 9457 problem details with a stable machine <c>code</c>: the one shape every API error takes.</summary>
public static class Problems
{
    public static IResult From(Error error) => Results.Problem(Details(error));

    public static IResult Of(string code, string message, int status) => Results.Problem(Details(status, code, message));

    /// <summary>The problem for a refused rule: its status from the error's kind, its code, fields and data.</summary>
    public static ProblemDetails Details(Error error)
    {
        var status = error.Code == "if_match_required" ? StatusCodes.Status428PreconditionRequired : StatusOf(error.Kind);
        var problem = Details(status, error.Code, error.Message, error.Fields);
        foreach (var (key, value) in error.Data ?? new Dictionary<string, object?>())
            problem.Extensions[key] = value;
        return problem;
    }

    /// <summary>The one place the problem shape is built; endpoints, the exception handler and middleware all use it.</summary>
    public static ProblemDetails Details(int status, string code, string title, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Type = $"https://tandem.dev/problems/{code.Replace('_', '-')}",
            Extensions = { ["code"] = code },
        };
        if (errors is not null)
            problem.Extensions["errors"] = errors;
        return problem;
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

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
