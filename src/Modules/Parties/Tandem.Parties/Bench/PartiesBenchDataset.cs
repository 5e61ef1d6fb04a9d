using Tandem.Parties.Contracts;
using Tandem.Parties.Domain;
using Tandem.Platform.Search;
using Tandem.Platform.Seeding;

namespace Tandem.Parties.Bench;

/// <summary>
/// Customers (organisations) and the people who work at them, numbered from the party sequence as registration
/// numbers them, with the stored duplicate key and a search document each, as the register handler writes them.
/// When purchase orders are asked for, one organisation in twenty (at least one, at most 500) is a supplier as well.
/// </summary>
internal sealed class PartiesBenchDataset : IBenchDataset
{
    private const int PeoplePerCustomer = 2;
    private const int MaxSuppliers = 500;

    public string Name => "parties";
    public int Order => 10;

    public async Task LoadAsync(BenchDataContext context, CancellationToken ct)
    {
        var customers = context.Size.Customers;
        var total = customers * (1 + PeoplePerCustomer);
        var first = await context.ReserveNumbersAsync("party", 0, total, ct);
        var companies = context.Pool(5_000, f => f.Company.CompanyName());
        var domains = context.Pool(5_000, f => f.Internet.DomainName());
        var firstNames = context.Pool(2_000, f => f.Name.FirstName());
        var lastNames = context.Pool(2_000, f => f.Name.LastName());
        var start = context.Clock.GetUtcNow().AddYears(-3);
        // With purchase orders to load, one organisation in twenty also sells to the company (at least one, at most MaxSuppliers).
        var supplierStride = context.Size.PurchaseOrders > 0 ? customers / Math.Clamp(customers / 20, 1, MaxSuppliers) : 0;

        IEnumerable<object?[]> Rows()
        {
            for (var i = 0; i < customers; i++)
            {
                // Pool entries repeat, so a running number keeps names apart the way real customers differ.
                var name = $"{companies[i % companies.Length]} {i / companies.Length + 1}";
                var domain = domains[(i * 7) % domains.Length];
                var id = Guid.CreateVersion7();
                context.Customers.Add(id);
                var supplier = supplierStride > 0 && i % supplierStride == 0 && context.Suppliers.Count < MaxSuppliers;
                if (supplier)
                    context.Suppliers.Add(id);
                yield return Row(id, first + i * (1 + PeoplePerCustomer), PartyKind.Organisation, name, $"info{i}@{domain}", true, supplier, start.AddMinutes(i));
                for (var p = 1; p <= PeoplePerCustomer; p++)
                {
                    var person = Guid.CreateVersion7();
                    context.People.Add(person);
                    context.PersonEmployer.Add(i);
                    var given = firstNames[(i * 3 + p) % firstNames.Length];
                    var family = lastNames[(i * 5 + p * 11) % lastNames.Length];
                    yield return Row(person, first + i * (1 + PeoplePerCustomer) + p, PartyKind.Person, $"{given} {family}",
                        $"{given}.{family}{i}@{domain}".ToLowerInvariant(), false, false, start.AddMinutes(i).AddSeconds(p));
                }
            }
        }

        var documents = new List<(Guid Id, string Name, string Subtitle)>(total);
        IEnumerable<SearchDocument> Documents() =>
            documents.Select(d => new SearchDocument(PartiesModule.SearchType, d.Id, d.Name, d.Subtitle, null, $"/parties/{d.Id}"));

        object?[] Row(Guid id, long number, PartyKind kind, string name, string email, bool customer, bool supplier, DateTimeOffset created)
        {
            context.PartyNames[id] = name;
            // The same title and subtitle as the party projection in PartiesModule.
            documents.Add((id, name, $"P{number:D6} · {email}"));
            return
            [
                id, context.CompanyId, $"P{number:D6}", kind.ToString(), name, PartyMatching.Name(name), email, customer, supplier, false,
                Array.Empty<string>(), created, 0L,
            ];
        }

        await context.CopyAsync("parties.party",
            ["id", "company_id", "number", "kind", "name", "normalized_name", "email", "is_customer", "is_supplier", "is_prospect", "tags", "created_at", "version"],
            Rows(), ct);
        await context.IndexAsync(Documents(), ct);
        await context.ExecuteAsync("ANALYZE parties.party", ct);
        context.Log($"{customers:N0} customers and {customers * PeoplePerCustomer:N0} people");
    }
}
