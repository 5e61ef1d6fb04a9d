using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Xunit;

namespace Tandem.Testing;

/// <summary>
/// A real SMTP server on a free loopback port for the test run: it keeps every message it accepts, parsed with
/// MimeKit, and can be told to refuse the next messages (as a server that is briefly unwell would).
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly Task _running;
    private readonly ConcurrentDictionary<string, int> _refusals = new(StringComparer.OrdinalIgnoreCase);

    public TestSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The configuration that points a Tandem server at this SMTP server, as <c>--Key=Value</c> arguments.</summary>
    public IEnumerable<string> Arguments =>
    [
        "--Tandem:Mail:Host=127.0.0.1",
        $"--Tandem:Mail:Port={Port}",
        "--Tandem:Mail:Security=None",
        "--Tandem:Mail:FromAddress=erp@test.local",
    ];

    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    /// <summary>Refuse the next <paramref name="count"/> messages to this address with a transaction-failed reply.</summary>
    public void RefuseNextTo(string address, int count = 1) => _refusals[address] = count;

    private bool Refuses(MimeMessage message)
    {
        foreach (var address in message.To.Mailboxes.Select(m => m.Address))
        {
            if (_refusals.TryGetValue(address, out var left) && left > 0 && _refusals.TryUpdate(address, left - 1, left))
                return true;
        }
        return false;
    }

    /// <summary>Waits for a received message that matches; fails the test when none arrives in time.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } message)
                return message;
            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeout.TotalSeconds:0}s waiting for a message: {because}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            if (owner.Refuses(message))
                return SmtpResponse.TransactionFailed;
            owner._received.Enqueue(message);
            return SmtpResponse.Ok;
        }
    }
}
