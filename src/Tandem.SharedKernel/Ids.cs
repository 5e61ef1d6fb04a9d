namespace Tandem.SharedKernel;

/// <summary>A typed identifier: a CompanyId cannot be passed where a PartyId belongs.</summary>
public interface ITypedId
{
    Guid Value { get; }
}

public readonly record struct CompanyId(Guid Value) : ITypedId
{
    public static CompanyId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}

public readonly record struct UserId(Guid Value) : ITypedId
{
    public static UserId New() => new(Guid.CreateVersion7());
    public override string ToString() => Value.ToString();
}
