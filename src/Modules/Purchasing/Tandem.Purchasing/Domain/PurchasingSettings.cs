using Tandem.SharedKernel;

namespace Tandem.Purchasing.Domain;

/// <summary>
/// A company's purchasing controls: the order total from which an approver must approve (zero: never), and the
/// tolerances, in percent, for receiving more than ordered and for matching a bill's quantity and price.
/// </summary>
internal sealed class PurchasingSettings : Entity
{
    private PurchasingSettings()
    {
    }

    public decimal ApprovalThreshold { get; private set; }
    public decimal OverReceiptTolerancePercent { get; private set; }
    public decimal QuantityTolerancePercent { get; private set; }
    public decimal PriceTolerancePercent { get; private set; }

    /// <summary>What a company has before anyone sets anything: approval from 5,000, no over-receipt, exact quantities, 2% on price.</summary>
    public static PurchasingSettings Default() => new() { ApprovalThreshold = 5000m, PriceTolerancePercent = 2m };

    public static Error? Validate(decimal threshold, decimal overReceipt, decimal quantity, decimal price) =>
        new FieldErrors()
            .When(threshold is < 0 or > 1_000_000_000m || decimal.Round(threshold, 2) != threshold, "approvalThreshold", "From 0 to 1,000,000,000 with at most 2 decimals.")
            .When(overReceipt is < 0 or > 100m || decimal.Round(overReceipt, 2) != overReceipt, "overReceiptTolerancePercent", "From 0 to 100 with at most 2 decimals.")
            .When(quantity is < 0 or > 100m || decimal.Round(quantity, 2) != quantity, "quantityTolerancePercent", "From 0 to 100 with at most 2 decimals.")
            .When(price is < 0 or > 100m || decimal.Round(price, 2) != price, "priceTolerancePercent", "From 0 to 100 with at most 2 decimals.")
            is { Any: true } errors ? errors.ToError() : null;

    public void Change(decimal threshold, decimal overReceipt, decimal quantity, decimal price)
    {
        ApprovalThreshold = threshold;
        OverReceiptTolerancePercent = overReceipt;
        QuantityTolerancePercent = quantity;
        PriceTolerancePercent = price;
    }
}
