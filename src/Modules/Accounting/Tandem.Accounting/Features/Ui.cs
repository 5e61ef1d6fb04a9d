using System.Globalization;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Features;

/// <summary>How the accounting pages print amounts and dates.</summary>
internal static class Ui
{
    public static string Amount(Money money) => money.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Amount(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Amount(Money? money) => money is { } m ? Amount(m) : "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static decimal? ParseAmount(string? text) =>
        decimal.TryParse(text?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
