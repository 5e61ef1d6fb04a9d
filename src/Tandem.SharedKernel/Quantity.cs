using System.Globalization;

namespace Tandem.SharedKernel;

/// <summary>An exact quantity with its unit of measure; adding two units is refused.</summary>
public readonly record struct Quantity(decimal Value, string Unit)
{
    public static Quantity operator +(Quantity left, Quantity right) => new(left.Value + right.Value, SameUnit(left, right));
    public static Quantity operator -(Quantity left, Quantity right) => new(left.Value - right.Value, SameUnit(left, right));

    public Quantity Add(Quantity other) => this + other;
    public Quantity Subtract(Quantity other) => this - other;

    public override string ToString() => $"{Value.ToString("0.####", CultureInfo.InvariantCulture)} {Unit}";

    private static string SameUnit(Quantity left, Quantity right) =>
        string.Equals(left.Unit, right.Unit, StringComparison.Ordinal)
            ? left.Unit
            : throw new InvalidOperationException($"Cannot combine quantities in {left.Unit} and {right.Unit}; convert first.");
}
