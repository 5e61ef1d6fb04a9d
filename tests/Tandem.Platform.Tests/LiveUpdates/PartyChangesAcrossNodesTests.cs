using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Tandem.Platform.LiveUpdates;
using Tandem.Platform.Tests.Outbox;
using Tandem.Testing;

namespace Tandem.Platform.Tests.LiveUpdates;

/// <summary>
/// Two server nodes on one PostgreSQL database: a page open on either node hears of an invoice posted through the
/// other, whichever node's outbox dispatcher delivers the event, because the notice travels by LISTEN/NOTIFY.
/// </summary>
public sealed class PartyChangesAcrossNodesTests(PostgresServer first) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_invoice_posted_on_one_node_reaches_the_subscribers_of_both_nodes()
    {
        first.Anonymous().Dispose(); // skips loudly when PostgreSQL is missing
        await using var second = new SecondPostgresNode(first.ConnectionString);
        await second.InitializeAsync();
        using var admin = await first.AdminClient();
        using var adminOnSecond = await second.AdminClient();
        var revenue = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounting/accounts", Ct)).EnumerateArray()
            .Single(a => a.GetProperty("code").GetString() == "4000").GetProperty("id").GetGuid();
        var party = await CreatedIdAsync(await admin.PostAsJsonAsync("/api/v1/parties", new { kind = "organisation", name = "Two Node Cycles", isCustomer = true }, Ct));

        var heard = new ConcurrentDictionary<string, ConcurrentQueue<PartyChange>>();
        IDisposable Listen(TandemServer node, string name) =>
            node.Services.GetRequiredService<IPartyChanges>().Subscribe(first.DemoCompanyId, party, change =>
            {
                heard.GetOrAdd(name, _ => new()).Enqueue(change);
                return Task.CompletedTask;
            });
        using var onFirst = Listen(first, "first");
        using var onSecond = Listen(second, "second");

        await PostInvoiceAsync(admin, party, revenue);
        await UntilAsync(() => Count(heard, "first") == 1 && Count(heard, "second") == 1);
        Assert.All(heard.Values.SelectMany(q => q), c => Assert.Equal(new PartyChange(first.DemoCompanyId, party, "invoice.posted"), c));

        // And the other way round: posted through the second node.
        await PostInvoiceAsync(adminOnSecond, party, revenue);
        await UntilAsync(() => Count(heard, "first") == 2 && Count(heard, "second") == 2);
        await Task.Delay(500, Ct);
        Assert.Equal(2, Count(heard, "first")); // once each, not once per node that listens
        Assert.Equal(2, Count(heard, "second"));
    }

    private static int Count(ConcurrentDictionary<string, ConcurrentQueue<PartyChange>> heard, string node) =>
        heard.TryGetValue(node, out var queue) ? queue.Count : 0;

    private static async Task PostInvoiceAsync(HttpClient http, Guid party, Guid revenue) =>
        await CreatedIdAsync(await http.PostAsJsonAsync("/api/v1/accounting/invoices?post=true", new
        {
            kind = "customerInvoice", partyId = party, date = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            currency = "EUR",
            lines = new[] { new { description = "Wheels", quantity = 1m, unitPrice = 40m, accountId = revenue } },
        }, Ct));

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static Task UntilAsync(Func<bool> condition) =>
        TestWaits.UntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(30), "both nodes' subscribers heard the change");
}
