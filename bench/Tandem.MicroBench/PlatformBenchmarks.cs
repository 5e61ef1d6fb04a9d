using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Tandem.Accounting.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Platform.Audit;
using Tandem.Platform.Persistence;
using Tandem.Platform.Webhooks;
using Tandem.SharedKernel;

namespace Tandem.MicroBench;

/// <summary>One audit chain step for a change of N fields: the canonical change JSON, then the row's SHA-256 link.</summary>
[MemoryDiagnoser]
public class AuditBenchmarks
{
    private Dictionary<string, FieldChange> _fields = [];
    private AuditEntry _entry = null!;

    [Params(1, 10, 30)]
    public int Fields { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        object?[] values = ["Acme Trading", 12.50m, 3, new DateOnly(2026, 12, 1), Guid.NewGuid(), true, null, "EUR"];
        _fields = Enumerable.Range(0, Fields).ToDictionary(i => $"Field{i:00}", i => new FieldChange(values[i % values.Length], values[(i + 1) % values.Length]));
        _entry = new AuditEntry
        {
            EntityType = "Tandem.Sales.Domain.SalesOrder", EntityId = Guid.NewGuid(), CompanyId = Guid.NewGuid(), Sequence = 7,
            Action = "Update", UserId = Guid.NewGuid(), UserName = "Sam Seller", OccurredAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            PreviousHash = new string('a', 64),
        };
    }

    [Benchmark]
    public string SerializeChanges() => AuditHashing.SerializeChanges(_fields);

    [Benchmark]
    public string ChainStep()
    {
        _entry.Changes = AuditHashing.SerializeChanges(_fields);
        return AuditHashing.HashOf(_entry);
    }
}

/// <summary>An integration event on its way out: stored as outbox JSON, read back by the dispatcher, wrapped as a webhook body.</summary>
[MemoryDiagnoser]
public class OutboxBenchmarks
{
    private readonly InvoicePosted _invoice = new(Guid.NewGuid(), Guid.NewGuid(), "INV-2026-000123", InvoiceKind.CustomerInvoice, Guid.NewGuid(),
        new DateOnly(2026, 12, 1), new Money(1234.50m, CurrencyCode.Eur));
    private readonly PartyRegistered _party = new(Guid.NewGuid(), Guid.NewGuid(), "P-000123", "Acme Trading", PartyKind.Organisation);
    private string _payload = "";

    [GlobalSetup]
    public void Setup() => _payload = JsonSerializer.Serialize(_invoice, Tandem.Platform.Outbox.Outbox.Json);

    [Benchmark]
    public string SerializeEvent() => JsonSerializer.Serialize(_invoice, _invoice.GetType(), Tandem.Platform.Outbox.Outbox.Json);

    [Benchmark]
    public object? DeserializeEvent() => JsonSerializer.Deserialize<InvoicePosted>(_payload, Tandem.Platform.Outbox.Outbox.Json);

    [Benchmark]
    public string WebhookBodyAndSignature()
    {
        var body = WebhookBody.Serialize(Guid.NewGuid(), "party.registered", new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc), _party.CompanyId,
            new { partyId = _party.PartyId, number = _party.Number, name = _party.Name, kind = _party.Kind });
        return WebhookSignature.Create("whsec_0123456789abcdef0123456789abcdef", 1_796_000_000, body);
    }
}
