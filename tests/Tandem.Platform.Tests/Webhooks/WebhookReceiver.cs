using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Webhooks;

/// <summary>
/// A real HTTP receiver on a free loopback port: it records every POST to <c>/hook/{key}</c> and answers with the
/// status codes queued for that key (200 once the queue is empty).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Received>> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{key}", async (string key, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            receiver._received.GetOrAdd(key, _ => new ConcurrentQueue<Received>()).Enqueue(new Received(
                body, request.Headers["Tandem-Event"].ToString(), request.Headers["Tandem-Delivery"].ToString(),
                request.Headers["Tandem-Signature"].ToString(), request.ContentType ?? ""));
            var status = receiver._answers.TryGetValue(key, out var queue) && queue.TryDequeue(out var next) ? next : 200;
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public string UrlFor(string key) => $"{BaseUrl}/hook/{key}";

    public void AnswerNext(string key, params int[] statuses)
    {
        var queue = _answers.GetOrAdd(key, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
            queue.Enqueue(status);
    }

    public IReadOnlyList<Received> ReceivedBy(string key) => _received.TryGetValue(key, out var queue) ? queue.ToList() : [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Body, string Event, string Delivery, string Signature, string ContentType);
}

internal static class WebhookTestSetup
{
    // Fast polls and retries so retry and failure tests finish in seconds; three attempts before failed.
    public static readonly string[] FastArguments =
    [
        "--Tandem:Outbox:PollInterval=00:00:00.300",
        "--Tandem:Webhooks:PollInterval=00:00:00.300",
        "--Tandem:Webhooks:RetryBaseDelay=00:00:00.100",
        "--Tandem:Webhooks:MaxAttempts=3",
        "--Tandem:Webhooks:AttemptTimeout=00:00:05",
    ];
}

public sealed class WebhookSqliteServer : SqliteServer
{
    protected override IEnumerable<string> ExtraArguments => WebhookTestSetup.FastArguments;
}

public sealed class WebhookPostgresServer : PostgresServer
{
    protected override IEnumerable<string> ExtraArguments => WebhookTestSetup.FastArguments;
}
