using Tandem.SharedKernel;

namespace Tandem.Catalog.Domain;

/// <summary>
/// A unit products are counted in. Units of one dimension (count, mass, length, volume, time) convert through
/// <see cref="Factor"/>, the number of the dimension's base unit in one of this unit: a box of 12 has factor 12
/// when the piece has factor 1.
/// </summary>
internal sealed class UnitOfMeasure : Entity
{
    private UnitOfMeasure()
    {
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Dimension { get; private set; } = "";
    public decimal Factor { get; private set; }

    public static UnitOfMeasure Create(string code, string name, string dimension, decimal factor) => new()
    {
        Code = code.Trim(), Name = name.Trim(), Dimension = dimension.Trim().ToLowerInvariant(), Factor = factor,
    };

    /// <summary>The quantity in <paramref name="to"/>; refused across dimensions (pieces never become kilograms).</summary>
    public Result<decimal> Convert(decimal quantity, UnitOfMeasure to)
    {
        if (!string.Equals(Dimension, to.Dimension, StringComparison.Ordinal))
            return new Error("unit_dimension_mismatch", $"{Code} ({Dimension}) cannot be converted to {to.Code} ({to.Dimension}).");
        return quantity * Factor / to.Factor;
    }

    public static Error? Validate(string? code, string? name, string? dimension, decimal factor)
    {
        var errors = new FieldErrors()
            .Required("code", code, 20)
            .Required("name", name, 100)
            .Required("dimension", dimension, 40)
            .When(factor <= 0, "factor", "Greater than zero.")
            .When(decimal.Round(factor, 6) != factor, "factor", "At most 6 decimals.")
            .When(factor > 1_000_000_000m, "factor", "Too large.");
        return errors.Any ? errors.ToError() : null;
    }
}
