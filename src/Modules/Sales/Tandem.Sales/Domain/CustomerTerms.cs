using Tandem.SharedKernel;

namespace Tandem.Sales.Domain;

/// <summary>
/// How a customer buys: the price list their quotes are priced from, the currency they are quoted in, the warehouse
/// that ships to them and their payment term. The catalog keeps price lists and the ledger credit limits; which list
/// and currency belong to which customer is a sales matter, so it lives here.
/// </summary>
internal sealed class CustomerTerms : Entity
{
    private CustomerTerms()
    {
    }

    public Guid PartyId { get; private set; }
    public string? PriceList { get; private set; }
    public string? Currency { get; private set; }
    public Guid? WarehouseId { get; private set; }
    public Guid? PaymentTermId { get; private set; }

    /// <summary>Touched by every credit-checked action of the customer in its transaction, so parallel ones queue instead of both passing.</summary>
    public long CreditChecks { get; private set; }

    public static CustomerTerms For(Guid partyId) => new() { PartyId = partyId };

    public void Change(string? priceList, CurrencyCode? currency, Guid? warehouseId, Guid? paymentTermId)
    {
        PriceList = string.IsNullOrWhiteSpace(priceList) ? null : priceList.Trim();
        Currency = currency?.Value;
        WarehouseId = warehouseId;
        PaymentTermId = paymentTermId;
    }
}
