using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Tandem.Platform.Api;

namespace Tandem.Platform.Tests.Api;

/// <summary>A write request that PostgreSQL made a deadlock victim runs again in a fresh scope with the same body.</summary>
public sealed class DeadlockRetryTests
{
    private static readonly PostgresException Deadlock = new("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);

    private static (DeadlockRetryMiddleware Middleware, List<(IServiceProvider Services, string Body)> Attempts) Build(Func<int, Exception?> fail)
    {
        var attempts = new List<(IServiceProvider, string)>();
        var services = new ServiceCollection().BuildServiceProvider();
        var middleware = new DeadlockRetryMiddleware(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
            attempts.Add((context.RequestServices, await reader.ReadToEndAsync()));
            if (fail(attempts.Count) is { } e)
                throw e;
            context.Response.StatusCode = 201;
        }, services.GetRequiredService<IServiceScopeFactory>(), NullLogger<DeadlockRetryMiddleware>.Instance);
        return (middleware, attempts);
    }

    private static DefaultHttpContext Request(string method)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Path = "/api/v1/sales/orders/1/deliveries";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"lines":[]}"""));
        return context;
    }

    [Fact]
    public async Task A_deadlock_victim_runs_again_in_a_new_scope_with_the_same_body()
    {
        var (middleware, attempts) = Build(n => n == 1 ? new InvalidOperationException("saving failed", Deadlock) : null);
        var context = Request("POST");
        var requestServices = context.RequestServices;

        await middleware.InvokeAsync(context);

        Assert.Equal(201, context.Response.StatusCode);
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a => Assert.Equal("""{"lines":[]}""", a.Body));
        Assert.Same(requestServices, attempts[0].Services);
        Assert.NotSame(requestServices, attempts[1].Services);
        Assert.Same(requestServices, context.RequestServices);
    }

    [Fact]
    public async Task A_third_deadlock_reaches_the_caller_and_other_failures_are_never_retried()
    {
        var (always, tries) = Build(_ => Deadlock);
        await Assert.ThrowsAsync<PostgresException>(() => always.InvokeAsync(Request("POST")));
        Assert.Equal(DeadlockRetryMiddleware.Attempts, tries.Count);

        var (other, once) = Build(_ => new PostgresException("unique violation", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));
        await Assert.ThrowsAsync<PostgresException>(() => other.InvokeAsync(Request("PUT")));
        Assert.Single(once);

        var (read, reads) = Build(_ => Deadlock);
        await Assert.ThrowsAsync<PostgresException>(() => read.InvokeAsync(Request("GET")));
        Assert.Single(reads);
    }
}
