using Tandem.Accounting.Contracts;
using Tandem.SharedKernel;

namespace Tandem.Accounting.Domain;

/// <summary>A payment term: instalments, each a percent of the total (or the remainder) due some days after the invoice date.</summary>
internal sealed class PaymentTerm : Entity
{
    private PaymentTerm()
    {
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The instalments as stored text, e.g. <c>percent:30:0:0;remainder:0:60:1</c> (kind:percent:days:end-of-month).</summary>
    public string Instalments { get; private set; } = "";

    public static PaymentTerm Define(string code, string name, IReadOnlyList<Instalment> instalments) =>
        new() { Code = code.Trim(), Name = name.Trim(), Instalments = Write(instalments) };

    public IReadOnlyList<Instalment> Parse() =>
        Instalments.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var f = part.Split(':');
            return new Instalment(Enum.Parse<InstalmentKind>(f[0], ignoreCase: true),
                decimal.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3] == "1");
        }).ToList();

    private static string Write(IReadOnlyList<Instalment> instalments) =>
        string.Join(';', instalments.Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{i.Kind.ToString().ToLowerInvariant()}:{i.Percent}:{i.Days}:{(i.EndOfMonth ? 1 : 0)}")));

    /// <summary>Why the instalments do not make a term: one remainder, last; percents up to 100 (exactly 100 without a remainder).</summary>
    public static Error? Validate(IReadOnlyList<Instalment> instalments)
    {
        var errors = new FieldErrors()
            .When(instalments.Count is 0 or > 12, "instalments", "From 1 to 12 instalments.")
            .When(instalments.Any(i => !Enum.IsDefined(i.Kind)), "instalments", "Each is percent or remainder.")
            .When(instalments.Any(i => i.Days is < 0 or > 3650), "instalments", "Days from 0 to 3650.")
            .When(instalments.Any(i => i.Kind == InstalmentKind.Percent && (i.Percent <= 0 || i.Percent > 100 || decimal.Round(i.Percent, 4) != i.Percent)), "instalments", "A percent above 0 and up to 100.");
        var remainders = instalments.Count(i => i.Kind == InstalmentKind.Remainder);
        var percent = instalments.Where(i => i.Kind == InstalmentKind.Percent).Sum(i => i.Percent);
        errors.When(remainders > 1 || (remainders == 1 && instalments[^1].Kind != InstalmentKind.Remainder), "instalments", "At most one remainder, and it comes last.")
            .When(remainders == 0 && percent != 100m, "instalments", "Without a remainder the percents add up to 100.")
            .When(remainders == 1 && percent >= 100m, "instalments", "The percents leave something for the remainder.");
        return errors.Any ? errors.ToError() : null;
    }

    /// <summary>
    /// The due dates and amounts: each percent instalment rounded to the currency's minor unit, the remainder (or the
    /// last instalment) taking what is left so the amounts add up to the total exactly.
    /// </summary>
    public static IReadOnlyList<(DateOnly DueDate, decimal Amount)> Schedule(IReadOnlyList<Instalment> instalments, DateOnly invoiceDate, decimal total, CurrencyCode currency)
    {
        var result = new List<(DateOnly, decimal)>();
        var allocated = 0m;
        for (var i = 0; i < instalments.Count; i++)
        {
            var instalment = instalments[i];
            var due = invoiceDate.AddDays(instalment.Days);
            if (instalment.EndOfMonth)
                due = new DateOnly(due.Year, due.Month, DateTime.DaysInMonth(due.Year, due.Month));
            var amount = i == instalments.Count - 1
                ? total - allocated
                : Math.Round(total * instalment.Percent / 100m, currency.MinorUnits, MidpointRounding.AwayFromZero);
            allocated += amount;
            result.Add((due, amount));
        }
        return result;
    }
}

internal sealed record Instalment(InstalmentKind Kind, decimal Percent, int Days, bool EndOfMonth);
