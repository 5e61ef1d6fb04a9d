using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Tandem.Host.Cli;
using Tandem.Testing;

namespace Tandem.Platform.Tests.Reliability;

/// <summary>
/// A server process killed with SIGKILL in the middle of a write load: everything it acknowledged is there, posted,
/// afterwards; nothing is half-written (every consistency check and the audit chains pass); and after a restart the
/// outbox messages and webhook deliveries it held are delivered by the nodes that remain, each event reaching an
/// idempotent webhook receiver under one event id with one payload, none missing.
/// </summary>
public sealed class CrashTests(PostgresServer survivor) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_killed_under_load_loses_nothing_it_acknowledged_and_leaves_the_books_consistent()
    {
        survivor.Anonymous().Dispose(); // skips loudly when PostgreSQL is missing
        var (email, password) = await survivor.CreateUserAsync(["accountant"]);
        using var admin = await survivor.AdminClient();
        var accounts = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct)).EnumerateArray()
            .ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("id").GetGuid());
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var receiver = await TestWebhookReceiver.StartAsync();
        var hook = await ReliabilityWebhooks.SubscribeAsync(admin, receiver, "party.registered");

        var entries = new ConcurrentBag<Guid>();
        var parties = new ConcurrentBag<Guid>();
        using (var node = await ServerProcess.StartAsync(survivor.ConnectionString))
        {
            using var client = await node.ClientAsync(email, password);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var entry = await client.PostAsJsonAsync("/api/v1/accounting/journal-entries?post=true", new
                        {
                            date = today, description = $"Crash load {c}-{i}",
                            lines = new object[]
                            {
                                new { accountId = accounts["6300"], debit = Eur(20m + i) },
                                new { accountId = accounts["1000"], credit = Eur(20m + i) },
                            },
                        });
                        if (entry.StatusCode == HttpStatusCode.Created)
                            entries.Add((await entry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                        var party = await client.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = $"Crash Load Trading {c}-{i}" });
                        if (party.StatusCode == HttpStatusCode.Created)
                            parties.Add((await party.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        // The node died under this request: it was never acknowledged.
                        return;
                    }
                }
            })).ToList();
            // Kill once writes are flowing, while requests are in flight.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (entries.Count < 20 && DateTime.UtcNow < deadline)
                await Task.Delay(50, Ct);
            node.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
        Assert.True(entries.Count >= 20, $"Only {entries.Count} entries were acknowledged before the kill.");

        // Every acknowledged entry is posted and every acknowledged party exists, read through the surviving node.
        foreach (var id in entries)
        {
            var entry = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounting/journal-entries/{id}", Ct);
            Assert.Equal("posted", entry.GetProperty("status").GetString(), ignoreCase: true);
        }
        foreach (var id in parties)
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/parties/{id}", Ct)).StatusCode);
        string[] database = ["--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={survivor.ConnectionString}", "--Logging:LogLevel:Default=Warning"];
        await HostCommands.ExpectAsync(0, ["check", "all", .. database]);
        await HostCommands.ExpectAsync(0, ["audit", "verify", .. database]);

        // A restarted node and the survivor deliver what the dead node had claimed once its lease runs out.
        using (await ServerProcess.StartAsync(survivor.ConnectionString))
        {
            await using var pg = new NpgsqlConnection(survivor.ConnectionString);
            await pg.OpenAsync(Ct);
            long waiting = -1;
            for (var tries = 0; tries < 120 && waiting != 0; tries++)
            {
                await using var command = new NpgsqlCommand("SELECT count(*) FROM platform.outbox_messages WHERE status IN ('pending', 'processing')", pg);
                waiting = (long)(await command.ExecuteScalarAsync(Ct))!;
                if (waiting != 0)
                    await Task.Delay(500, Ct);
            }
            Assert.Equal(0L, waiting);

            // Every acknowledged party's registration reaches the receiver, each under one event id and one payload.
            await ReliabilityWebhooks.WaitUntilDeliveredAsync(pg, receiver, hook, parties, TimeSpan.FromSeconds(60));
            var report = ReliabilityWebhooks.AssertEachEventOnceAndIntact(receiver, hook, parties);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Webhooks after the crash: {report.Events} events processed, {report.Requests} requests, {report.Redeliveries} redeliveries of an already processed event id.");
        }
    }

    private static object Eur(decimal amount) => new { amount = amount.ToString(CultureInfo.InvariantCulture), currency = "EUR" };

    /// <summary>The real server binary in a process of its own, on a free loopback port, with short outbox and webhook leases.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();

        private ServerProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ServerProcess> StartAsync(string connectionString)
        {
            var port = FreePort();
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
            };
            foreach (var argument in new[]
                     {
                         Path.Combine(AppContext.BaseDirectory, "Tandem.Host.dll"), "serve", $"--urls=http://127.0.0.1:{port}",
                         "--Tandem:Database:Provider=Postgres", $"--ConnectionStrings:Tandem={connectionString}",
                         "--Tandem:Outbox:LeaseDuration=00:00:02", "--Tandem:Outbox:PollInterval=00:00:00.300",
                         "--Tandem:Webhooks:LeaseDuration=00:00:05", "--Tandem:Webhooks:PollInterval=00:00:00.300",
                         "--Tandem:RateLimits:SignIn:PermitLimit=100000", "--Logging:LogLevel:Default=Warning",
                     })
                start.ArgumentList.Add(argument);
            var server = new ServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
            server._process.OutputDataReceived += (_, line) => server.Keep(line.Data);
            server._process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();
            using var probe = new HttpClient { BaseAddress = server.Address };
            for (var tries = 0; tries < 240; tries++)
            {
                Assert.False(server._process.HasExited, "The server process exited at start:\n" + string.Join("\n", server._output));
                try
                {
                    if ((await probe.GetAsync("/health/ready", Ct)).IsSuccessStatusCode)
                        return server;
                }
                catch (HttpRequestException)
                {
                }
                await Task.Delay(250, Ct);
            }
            server.Kill();
            throw new TimeoutException("The server process did not become ready in 60 s:\n" + string.Join("\n", server._output));
        }

        public async Task<HttpClient> ClientAsync(string email, string password)
        {
            var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
            var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, Ct);
            token.EnsureSuccessStatusCode();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                (await token.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
            return client;
        }

        /// <summary>SIGKILL: no shutdown hooks, no flushing, as when the machine loses power.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void Keep(string? line)
        {
            if (line is null)
                return;
            _output.Enqueue(line);
            while (_output.Count > 50)
                _output.TryDequeue(out _);
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
