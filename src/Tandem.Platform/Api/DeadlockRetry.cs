using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Tandem.Platform.Api;

/// <summary>
/// Runs a write request again, in a fresh scope, when PostgreSQL chose its transaction as the victim of a deadlock
/// (<c>40P01</c>) or a serialization failure (<c>40001</c>). Such a transaction was rolled back whole, so running the
/// request again is safe. They happen when a document touches several products' stock rows and then takes the
/// ledger's gap-free number, while another document takes them in another order; PostgreSQL breaks the cycle and
/// the victim waits its turn on the second try. The caller never sees the conflict unless it repeats three times.
/// </summary>
public sealed partial class DeadlockRetryMiddleware(RequestDelegate next, IServiceScopeFactory scopes, ILogger<DeadlockRetryMiddleware> logger)
{
    public const int Attempts = 3;

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        context.Request.EnableBuffering();
        var original = context.RequestServices;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                AsyncServiceScope? scope = null;
                try
                {
                    if (attempt > 1)
                    {
                        // The failed attempt's services hold its rolled-back transaction and tracked entities: start clean.
                        scope = scopes.CreateAsyncScope();
                        context.RequestServices = scope.Value.ServiceProvider;
                        context.Request.Body.Position = 0;
                    }
                    await next(context);
                    return;
                }
                catch (Exception e) when (attempt < Attempts && !context.Response.HasStarted && IsVictim(e) is { } state)
                {
                    LogRetry(logger, context.Request.Method, context.Request.Path, state, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40) * attempt), context.RequestAborted);
                }
                finally
                {
                    if (scope is { } used)
                        await used.DisposeAsync();
                }
            }
        }
        finally
        {
            context.RequestServices = original;
        }
    }

    private static string? IsVictim(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure } pg)
                return pg.SqlState;
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} was a {SqlState} victim on attempt {Attempt}; running it again")]
    private static partial void LogRetry(ILogger logger, string method, PathString path, string sqlState, int attempt);
}
