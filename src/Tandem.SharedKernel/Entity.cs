namespace Tandem.SharedKernel;

/// <summary>
/// A business record: belongs to one company, carries a version for optimistic concurrency,
/// and collects the domain events its state changes raise.
/// </summary>
public abstract class Entity
{
    private readonly List<IDomainEvent> _events = [];

    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    public Guid CompanyId { get; protected set; }

    /// <summary>Incremented on every save; sent as the HTTP ETag and checked against If-Match.</summary>
    public long Version { get; private set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    protected void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    public void ClearDomainEvents() => _events.Clear();

    /// <summary>Called by persistence when the record is saved; not for business code.</summary>
    public void BumpVersion() => Version++;
}

/// <summary>Something that happened inside a module, handled in the same transaction.</summary>
public interface IDomainEvent;

/// <summary>A fact published to other modules and the outside world through the outbox, after commit.</summary>
public interface IIntegrationEvent
{
    Guid CompanyId { get; }
}
