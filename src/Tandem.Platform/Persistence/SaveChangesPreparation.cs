using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Tandem.SharedKernel;

namespace Tandem.Platform.Persistence;

/// <summary>Stamps company and version on business records and captures their changes before EF saves them.</summary>
internal static class SaveChangesPreparation
{
    public static List<EntityChange> Prepare(DbContext context, ModuleDbServices services)
    {
        var changes = new List<EntityChange>();
        foreach (var entry in context.ChangeTracker.Entries<Entity>().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    StampCompany(entry, services.Company);
                    changes.Add(Capture(entry, ChangeAction.Insert));
                    break;
                case EntityState.Modified:
                    GuardCompany(entry, services.Company);
                    entry.Entity.BumpVersion();
                    var update = Capture(entry, ChangeAction.Update);
                    if (update.Fields.Count > 0)
                        changes.Add(update);
                    break;
                case EntityState.Deleted:
                    GuardCompany(entry, services.Company);
                    changes.Add(Capture(entry, ChangeAction.Delete));
                    break;
            }
        }
        return changes;
    }

    private static void StampCompany(EntityEntry<Entity> entry, ICompanyContext company)
    {
        var property = entry.Property(e => e.CompanyId);
        if (property.CurrentValue == Guid.Empty)
        {
            if (company.CompanyId == Guid.Empty)
                throw new InvalidOperationException($"A {entry.Entity.GetType().Name} cannot be saved outside a company.");
            property.CurrentValue = company.CompanyId;
        }
        else if (company.CompanyId != Guid.Empty && property.CurrentValue != company.CompanyId)
        {
            throw new InvalidOperationException("A record of another company cannot be written in this company.");
        }
    }

    private static void GuardCompany(EntityEntry<Entity> entry, ICompanyContext company)
    {
        if (company.CompanyId != Guid.Empty && entry.Entity.CompanyId != company.CompanyId)
            throw new InvalidOperationException($"A record of another company cannot be written in this company ({entry.Entity.GetType().Name}, {entry.State}).");
    }

    private static EntityChange Capture(EntityEntry<Entity> entry, ChangeAction action)
    {
        var fields = new SortedDictionary<string, FieldChange>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (name is nameof(Entity.Version) or nameof(Entity.Id) or nameof(Entity.CompanyId))
                continue;
            switch (action)
            {
                case ChangeAction.Insert:
                    if (property.CurrentValue is not null)
                        fields[name] = new FieldChange(null, property.CurrentValue);
                    break;
                case ChangeAction.Delete:
                    fields[name] = new FieldChange(property.OriginalValue, null);
                    break;
                default:
                    if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                        fields[name] = new FieldChange(property.OriginalValue, property.CurrentValue);
                    break;
            }
        }
        foreach (var complex in entry.ComplexProperties)
        {
            foreach (var property in complex.Properties)
            {
                var name = $"{complex.Metadata.Name}.{property.Metadata.Name}";
                var before = action == ChangeAction.Insert ? null : property.OriginalValue;
                var after = action == ChangeAction.Delete ? null : property.CurrentValue;
                if (action != ChangeAction.Update || !Equals(before, after))
                    fields[name] = new FieldChange(before, after);
            }
        }
        var type = entry.Metadata.ClrType.Name;
        return new EntityChange(entry.Entity, type, entry.Entity.Id, entry.Property(e => e.CompanyId).CurrentValue, action, fields);
    }
}
