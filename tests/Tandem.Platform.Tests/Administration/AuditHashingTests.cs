using Tandem.Platform.Audit;
using Tandem.Platform.Persistence;

namespace Tandem.Platform.Tests.Administration;

/// <summary>The canonical change JSON and the row hash: any change to either would break every stored chain.</summary>
public sealed class AuditHashingTests
{
    [Fact]
    public void Changes_are_written_in_ordinal_order_with_camel_case_names_and_invariant_values()
    {
        var json = AuditHashing.SerializeChanges(new Dictionary<string, FieldChange>
        {
            ["Name"] = new("Acme", "Acme Trading"),
            ["Address.City"] = new(null, "Lyon"),
            ["amount"] = new(12.50m, 3),
            ["Date"] = new(new DateOnly(2026, 12, 1), true),
        });
        Assert.Equal(
            """{"address.city":{"before":null,"after":"Lyon"},"amount":{"before":"12.50","after":3},"date":{"before":"2026-12-01","after":true},"name":{"before":"Acme","after":"Acme Trading"}}""",
            json);
    }

    [Fact]
    public void The_hash_is_sha256_of_the_row_fields_joined_by_newlines()
    {
        var entry = new AuditEntry
        {
            Id = Guid.Parse("00000000-0000-0000-0000-000000000001"), EntityType = "Party",
            EntityId = Guid.Parse("00000000-0000-0000-0000-000000000002"), CompanyId = Guid.Parse("00000000-0000-0000-0000-000000000003"),
            Sequence = 1, Action = "Insert", UserName = "system",
            OccurredAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, 123, TimeSpan.Zero),
            Changes = """{"name":{"before":null,"after":"Ané"}}""",
        };
        // Computed independently: sha256("\n" + id + "\nParty\n" + entity + "\n" + company + "\n1\nInsert\n\nsystem\n2026-12-01T09:00:00.123Z\n" + changes), UTF-8.
        Assert.Equal("9b0cc163624bbfd5ffedc420bfcbf0aa87652ef5319cfbfc8a05cc839e0e2984", AuditHashing.HashOf(entry));
    }
}
