using Microsoft.Extensions.DependencyInjection;
using Tandem.Catalog.Contracts;
using Tandem.Parties.Contracts;
using Tandem.Sales.Features.Quotes;
using Tandem.SharedKernel;

namespace Tandem.Sales.Demo;

/// <summary>
/// The demo company's sales: an open quote for Greenfield Bikes (road bikes at 10 % off with helmets, promised from
/// stock and lead times) and a revised one for Velo Club Nord, made through the same handler the quote editor uses.
/// </summary>
internal static class SalesDemo
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var catalog = services.GetRequiredService<ICatalogModule>();
        var parties = services.GetRequiredService<IPartiesModule>();
        var quotes = services.GetRequiredService<QuoteHandler>();

        async Task<Guid> Customer(string name) =>
            (await parties.FindDuplicatesAsync(new DuplicateQuery(Name: name), ct)) is [var found, ..]
                ? found.PartyId
                : throw new InvalidOperationException($"Demo customer {name} is missing.");
        async Task<Guid> Product(string sku) =>
            (await catalog.FindBySkuAsync(sku, ct))?.Id ?? throw new InvalidOperationException($"Demo product {sku} is missing.");
        var bike = await Product("BIKE-RD-200");
        var helmet = await Product("HELMET-AERO");
        var chain = await Product("CHAIN-11S");

        Check(await quotes.CreateAsync(new QuoteInput(null, null, await Customer("Greenfield Bikes"), null, null, null, null, "Spring fleet: delivery to the Greenfield shop",
            [new QuoteLineInput(bike, 4, DiscountPercent: 10m), new QuoteLineInput(helmet, 4)]), ct), "Greenfield quote");
        var club = Check(await quotes.CreateAsync(new QuoteInput(null, null, await Customer("Velo Club Nord"), null, null, null, null, null,
            [new QuoteLineInput(chain, 10)]), ct), "Velo Club quote");
        Check(await quotes.ReviseAsync(club.Id, new QuoteInput(null, null, null, null, null, null, null, "Revised: twelve chains at 5 % off",
            [new QuoteLineInput(chain, 12, DiscountPercent: 5m)]), ct), "Velo Club revision");
    }

    private static T Check<T>(Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Sales demo {what}: {result.Error!.Code} {result.Error.Message}");
}
