namespace Tandem.Platform.Consistency;

/// <summary>
/// An invariant a module can prove over its stored data, such as "balances equal the sum of the lines".
/// Modules register their checks in DI as <see cref="IConsistencyCheck"/>; the <c>check</c> CLI command runs them.
/// A check reads every company's rows, so it runs as the system outside any company.
/// </summary>
public interface IConsistencyCheck
{
    /// <summary>The name the CLI selects it by, e.g. <c>ledger</c>.</summary>
    string Name { get; }

    Task<IReadOnlyList<ConsistencyViolation>> RunAsync(CancellationToken ct);
}

/// <summary>One broken invariant, with the company and the record it was found on.</summary>
public sealed record ConsistencyViolation(string Check, Guid CompanyId, string Rule, string Detail);
