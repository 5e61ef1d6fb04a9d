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
    private int _refuse;

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

    /// <summary>Refuse the next <paramref name="count"/> messages with a transaction-failed reply.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

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
            if (Interlocked.Decrement(ref owner._refuse) >= 0)
                return SmtpResponse.TransactionFailed;
            Interlocked.Exchange(ref owner._refuse, 0);
            await using var stream = new MemoryStream(buffer.ToArray());
            owner._received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
