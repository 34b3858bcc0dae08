using System.Text.Json;
using Microsoft.JSInterop;

namespace FlagAdmin.Web.Components.Shared;

/// <summary>
/// Unsaved edits kept in the browser tab (sessionStorage, by page address and form), so they outlive the circuit: when
/// the server restarts, the reconnect dialog lists them, and the form fills them in again after the reload
/// (<see cref="UnsavedEdit{TModel}"/>). Never keep secrets (passwords, tokens) this way.
/// </summary>
public sealed class UnsavedEdits(IJSRuntime js)
{
    private IJSObjectReference? _module;

    public async Task KeepAsync<TModel>(string form, string description, TModel model) =>
        await (await ModuleAsync()).InvokeVoidAsync("keep", form, description, JsonSerializer.Serialize(model));

    public async Task ForgetAsync(string form) =>
        await (await ModuleAsync()).InvokeVoidAsync("forget", form);

    /// <summary>The edit kept for this form on this page, removed from the tab; null when there is none or it no longer reads.</summary>
    public async Task<TModel?> TakeAsync<TModel>(string form) where TModel : class
    {
        var json = await (await ModuleAsync()).InvokeAsync<string?>("take", form);
        try
        {
            return json is null ? null : JsonSerializer.Deserialize<TModel>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/drafts.js");
}
