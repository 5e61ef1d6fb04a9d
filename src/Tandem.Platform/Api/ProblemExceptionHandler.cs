using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tandem.SharedKernel;

namespace Tandem.Platform.Api;

/// <summary>
/// Maps what escapes an endpoint to a problem detail: malformed bodies are 400, refused rules 422,
/// stale versions 412. Anything else is a bug, logged with the correlation id and answered 500.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = exception switch
        {
            BusinessRuleException rule => (Problems.StatusOf(rule.Error.Kind), rule.Error.Code, rule.Error.Message),
            BadHttpRequestException { InnerException: JsonException json } => (400, "malformed_request", JsonMessage(json)),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "request_too_large" : "malformed_request", bad.Message),
            JsonException json => (400, "malformed_request", JsonMessage(json)),
            DbUpdateConcurrencyException => (412, "version_mismatch", "The record was changed by someone else; reload it and try again."),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "request_cancelled", "The client closed the request."),
            _ => (500, "internal_error", "An unexpected error occurred; it has been logged."),
        };
        if (status >= 500)
            LogUnhandled(logger, exception);
        httpContext.Response.StatusCode = status;
        var problem = exception is BusinessRuleException refused
            ? Problems.Details(refused.Error)
            : Problems.Details(status, code, title);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static string JsonMessage(JsonException json) =>
        json.Path is { Length: > 0 } path ? $"The request body is not valid JSON for this endpoint at '{path}'." : "The request body is not valid JSON.";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
