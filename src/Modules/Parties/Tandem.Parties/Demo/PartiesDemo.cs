using Microsoft.Extensions.DependencyInjection;
using Tandem.Parties.Contracts;
using Tandem.Parties.Features;
using Tandem.Parties.Features.RegisterParty;

namespace Tandem.Parties.Demo;

/// <summary>The demo company's customers and suppliers, registered through the same handler users go through.</summary>
internal static class PartiesDemo
{
    private static readonly PartyInput[] Parties =
    [
        new(PartyKind.Organisation, "Northwind Traders", "orders@northwind.example", "+44 20 7946 0001", "GB123456789", IsCustomer: true)
        {
            Tags = ["key-account", "uk"],
            Addresses =
            [
                new(AddressKind.Billing, "12 Fleet Street", "London", "GB", PostalCode: "EC4Y 1AA"),
                new(AddressKind.Shipping, "Unit 4, Dock Road", "Tilbury", "GB", PostalCode: "RM18 7BX"),
            ],
            ContactPoints = [new(ContactPointKind.Email, "accounts@northwind.example", "accounts")],
        },
        new(PartyKind.Organisation, "Contoso Retail", "buying@contoso.example", "+1 425 555 0100", "US-98-7654321", IsCustomer: true)
        {
            Tags = ["key-account", "us"],
            Addresses = [new(AddressKind.Billing, "1 Microsoft Way", "Redmond", "US", PostalCode: "98052", Region: "WA")],
        },
        new(PartyKind.Organisation, "Fabrikam Components", "sales@fabrikam.example", "+49 30 901820", "DE811234567", IsSupplier: true),
        new(PartyKind.Organisation, "Adventure Works Cycles", "hello@adventure-works.example", "+1 206 555 0142", null, IsCustomer: true),
        new(PartyKind.Organisation, "Litware Logistics", "dispatch@litware.example", "+33 1 70 36 39 50", "FR40303265045", IsSupplier: true),
        new(PartyKind.Organisation, "Tailspin Toys", "purchasing@tailspin.example", "+1 312 555 0175", null, IsCustomer: true, IsSupplier: true),
        new(PartyKind.Person, "Maria Anders", "maria.anders@example.com", "+49 30 0074321", null, IsCustomer: true),
        new(PartyKind.Person, "Thomas Hardy", "thomas.hardy@example.com", "+44 171 555 7788", null, IsCustomer: true),
        new(PartyKind.Organisation, "Wide World Importers", "info@wideworld.example", "+1 206 555 0199", null) { IsProspect = true, Tags = ["trade-fair"] },
        // Registered twice by two colleagues: the party page shows them as possible duplicates to merge.
        new(PartyKind.Organisation, "Northwind Trading Ltd.", "sales@northwind.example", "020 7946 0001", null) { IsProspect = true },
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var handler = services.GetRequiredService<RegisterPartyHandler>();
        foreach (var party in Parties)
        {
            var result = await handler.HandleAsync(party, ct);
            if (!result.IsSuccess)
                throw new InvalidOperationException($"Demo party {party.Name} was refused: {result.Error!.Code}");
        }
    }
}
