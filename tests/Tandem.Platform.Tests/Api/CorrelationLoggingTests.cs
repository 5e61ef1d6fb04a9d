using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Platform.Api;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Api;

/// <summary>Keeps every log line with the scope values it was written under.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<(string Category, string Message, Dictionary<string, object?> Scope)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    foreach (var (key, item) in pairs)
                        values[key] = item;
                }
            }, scope);
            owner.Lines.Enqueue((category, formatter(state, exception), scope));
        }
    }
}

public class LoggingSqliteServer : SqliteServer
{
    public RecordingLoggerProvider Log { get; } = new();

    protected override IEnumerable<string> ExtraArguments => ["--Logging:LogLevel:Microsoft.AspNetCore.Routing=Information"];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Log);
}

public sealed class CorrelationLoggingTests(LoggingSqliteServer server) : IClassFixture<LoggingSqliteServer>
{
    [Fact]
    public async Task Log_lines_written_while_handling_a_request_carry_its_correlation_id()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "trace-" + Guid.NewGuid().ToString("N")[..12];
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(CorrelationIdMiddleware.Header, id);
        var response = await server.Anonymous().SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The routing middleware logs "Executing endpoint" and "Executed endpoint" inside the request.
        var lines = server.Log.Lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal)
                                                && l.Scope.TryGetValue("CorrelationId", out var value) && Equals(value, id)).ToList();
        Assert.NotEmpty(lines);
        Assert.Contains(lines, l => l.Message.Contains("Executing endpoint", StringComparison.Ordinal));
    }
}
