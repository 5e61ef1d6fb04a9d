using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tandem.Testing;

/// <summary>
/// A real HTTP receiver on a free loopback port, behaving as a careful subscriber would: it records every POST to
/// <c>/hook/{key}</c>, checks the <c>Tandem-Signature</c> HMAC-SHA256 when it knows the key's secret (401 when it does
/// not verify), and processes each event id once, counting any later delivery of the same id as a redelivery it
/// ignores. Status codes queued for a key are answered first (200 once the queue is empty).
/// </summary>
public sealed class TestWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Received>> _received = new();
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, ProcessedEvent>> _processed = new();

    private TestWebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<TestWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new TestWebhookReceiver(app);
        app.MapPost("/hook/{key}", async (string key, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.StatusCode(receiver.Accept(key, body, request.Headers["Tandem-Event"].ToString(),
                request.Headers["Tandem-Delivery"].ToString(), request.Headers["Tandem-Signature"].ToString(), request.ContentType ?? ""));
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public string UrlFor(string key) => $"{BaseUrl}/hook/{key}";

    /// <summary>From now on, deliveries to the key must carry a signature made with this secret.</summary>
    public void Expect(string key, string secret) => _secrets[key] = secret;

    public void AnswerNext(string key, params int[] statuses)
    {
        var queue = _answers.GetOrAdd(key, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
            queue.Enqueue(status);
    }

    /// <summary>Every request the key received, in arrival order, redeliveries and rejected ones included.</summary>
    public IReadOnlyList<Received> ReceivedBy(string key) => _received.TryGetValue(key, out var queue) ? queue.ToList() : [];

    /// <summary>The events the key processed, by event id (the body's <c>id</c>): one entry per id however often it came.</summary>
    public IReadOnlyDictionary<Guid, ProcessedEvent> ProcessedBy(string key) =>
        _processed.TryGetValue(key, out var events) ? new Dictionary<Guid, ProcessedEvent>(events) : new Dictionary<Guid, ProcessedEvent>();

    /// <summary>What a receiver does: recompute HMAC-SHA256 of "t.body" with the secret and compare in constant time.</summary>
    public static bool Verify(string secret, string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        if (!parts.TryGetValue("t", out var timestamp) || !parts.TryGetValue("v1", out var mac) || mac.Length != 64)
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        try
        {
            return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(mac));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private int Accept(string key, string body, string eventType, string delivery, string signature, string contentType)
    {
        var signed = !_secrets.TryGetValue(key, out var secret) || Verify(secret, signature, body);
        _received.GetOrAdd(key, _ => new ConcurrentQueue<Received>())
            .Enqueue(new Received(body, eventType, delivery, signature, contentType, signed));
        if (_answers.TryGetValue(key, out var queue) && queue.TryDequeue(out var status))
            return status;
        if (!signed)
            return StatusCodes.Status401Unauthorized;
        if (TryReadEventId(body) is not { } eventId)
            return StatusCodes.Status400BadRequest;
        var events = _processed.GetOrAdd(key, _ => new ConcurrentDictionary<Guid, ProcessedEvent>());
        // The first delivery of an id is processed; a later one is acknowledged and only counted.
        var processed = events.GetOrAdd(eventId, _ => new ProcessedEvent(eventType, body));
        processed.Seen(body);
        return StatusCodes.Status200OK;
    }

    private static Guid? TryReadEventId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) && id.TryGetGuid(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public sealed record Received(string Body, string Event, string Delivery, string Signature, string ContentType, bool SignatureValid);

    /// <summary>One event id as the receiver processed it: the first body, how often it arrived, and whether a later body differed.</summary>
    public sealed class ProcessedEvent(string eventType, string body)
    {
        private int _deliveries;
        private int _differentBodies;

        public string Event { get; } = eventType;
        public string Body { get; } = body;
        public int Deliveries => Volatile.Read(ref _deliveries);

        /// <summary>Deliveries of this id whose body was not the first one's: an idempotent receiver could not ignore them.</summary>
        public int DifferentBodies => Volatile.Read(ref _differentBodies);

        public JsonElement Data => JsonDocument.Parse(Body).RootElement.GetProperty("data").Clone();

        internal void Seen(string body)
        {
            Interlocked.Increment(ref _deliveries);
            if (!string.Equals(body, Body, StringComparison.Ordinal))
                Interlocked.Increment(ref _differentBodies);
        }
    }
}
