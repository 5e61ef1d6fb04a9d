using Microsoft.AspNetCore.Components;

namespace Tandem.Web.Components.Grid;

/// <summary>A column of a <see cref="KeysetGrid{TItem}"/>; <see cref="SortName"/> is the list's sort key when the column is sortable.</summary>
public sealed record KeysetColumn<TItem>(string Title, Func<TItem, object?>? Value = null, string? SortName = null)
{
    /// <summary>Renders the cell instead of <see cref="Value"/>, e.g. a link to the record.</summary>
    public RenderFragment<TItem>? Template { get; init; }
}
