using Microsoft.EntityFrameworkCore;

namespace Tandem.Platform.CustomFields;

public enum CustomFieldType
{
    Text,
    Number,
    Date,
    Choice,
    Boolean,
}

/// <summary>A field an administrator adds to one record type of one company, such as "industry" on parties.</summary>
public sealed class CustomFieldDefinition
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CompanyId { get; set; }

    /// <summary>One of <see cref="CustomFieldRecordTypes.All"/>: party, product, lead ...</summary>
    public string RecordType { get; set; } = "";

    /// <summary>The name in the API and in filters (<c>?cf.industry=retail</c>): lower case letters, digits and underscores.</summary>
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public CustomFieldType Type { get; set; }
    public bool Required { get; set; }

    /// <summary>The allowed values of a choice field, in display order.</summary>
    public List<string> Options { get; set; } = [];
    public int Position { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Called from <c>PlatformDb.ConfigurePlatformFeatures</c>.</summary>
    public static void Configure(ModelBuilder builder) =>
        builder.Entity<CustomFieldDefinition>(field =>
        {
            field.ToTable("custom_fields");
            field.Property(f => f.RecordType).HasMaxLength(40);
            field.Property(f => f.Key).HasMaxLength(40);
            field.Property(f => f.Label).HasMaxLength(100);
            field.Property(f => f.Type).HasConversion<string>().HasMaxLength(20);
            field.PrimitiveCollection(f => f.Options);
            field.HasIndex(f => new { f.CompanyId, f.RecordType, f.Key }).IsUnique();
        });
}

/// <summary>The record types custom fields can be defined for; a module applying custom fields adds its type here.</summary>
public static class CustomFieldRecordTypes
{
    public const string Party = "party";
    public const string Product = "product";
    public const string Account = "account";
    public const string Contact = "contact";
    public const string Lead = "lead";
    public const string Opportunity = "opportunity";

    public static readonly IReadOnlyList<string> All = [Party, Product, Account, Contact, Lead, Opportunity];
}

/// <summary>A definition as the API and the forms see it.</summary>
public sealed record CustomFieldDto(
    Guid Id, string RecordType, string Key, string Label, CustomFieldType Type, bool Required, IReadOnlyList<string> Options, int Position)
{
    public static CustomFieldDto From(CustomFieldDefinition d) => new(d.Id, d.RecordType, d.Key, d.Label, d.Type, d.Required, d.Options, d.Position);
}

/// <summary>The body that defines a field.</summary>
public sealed record CustomFieldInput(
    string RecordType, string Key, string Label, CustomFieldType Type, bool Required = false, IReadOnlyList<string>? Options = null, int Position = 0);
