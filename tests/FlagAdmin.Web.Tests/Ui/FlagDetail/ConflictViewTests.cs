using AngleSharp.Dom;
using FlagAdmin.Core.Flags;
using FlagAdmin.Core.Projects;
using FlagAdmin.Core.Targeting;
using FlagAdmin.Core.Users;
using FlagAdmin.Web.Components.Pages.Flags.Detail;
using FlagAdmin.Web.Tests.Ui.Audit;

namespace FlagAdmin.Web.Tests.Ui.FlagDetail;

/// <summary>The conflict view on its own, rendered with HtmlRenderer: who, when, and theirs against yours field by field.</summary>
public sealed class ConflictViewTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 14, 5, 9, TimeSpan.Zero);
    private static readonly TargetingRule Germany = new() { Conditions = [new Condition("country", ConditionOperator.In, ["DE", "AT"])], Variant = "on" };

    private static PanelView View(Role role, FlagState theirs, PanelForm yours)
    {
        var flag = new Flag
        {
            ProjectKey = "shop", Key = "new-checkout", Name = "New checkout", Variants = [Variant.On, Variant.Off],
            CreatedBy = "seed", CreatedAt = At, UpdatedBy = "seed", UpdatedAt = At,
        };
        var project = new Project { Key = "shop", Name = "Shop", CreatedBy = "seed", CreatedAt = At, UpdatedBy = "seed", UpdatedAt = At };
        var environment = new ProjectEnvironment { ProjectKey = "shop", Key = "production", Name = "Production", Protected = true, CreatedBy = "seed", CreatedAt = At, UpdatedBy = "seed", UpdatedAt = At };
        return PanelView.Of(project, flag, environment, theirs, role) with { Form = yours, Conflict = new PanelConflict(theirs, "alice@example.com", At) };
    }

    private static FlagState Theirs() => new()
    {
        ProjectKey = "shop", FlagKey = "new-checkout", EnvironmentKey = "production", Enabled = true, RolloutBasisPoints = 3000,
        OnVariant = "on", OffVariant = "off", Rules = [Germany], Config = """{"color":"green"}""", UpdatedBy = "alice@example.com", UpdatedAt = At, Version = 7,
    };

    private static Task<IDocument> RenderAsync(PanelView view) =>
        ComponentHtml.RenderAsync<ConflictView>(new Dictionary<string, object?> { ["View"] = view });

    private static Dictionary<string, (string Theirs, string Yours, bool Differs)> Rows(IDocument html) =>
        html.QuerySelectorAll("tbody tr").ToDictionary(
            row => row.QuerySelector("th")!.TextContent,
            row => (row.Children[1].TextContent, row.Children[2].TextContent, row.GetAttribute("data-differs") == "true"));

    [Fact]
    public async Task It_names_who_changed_the_environment_and_when()
    {
        var html = await RenderAsync(View(Role.Admin, Theirs(), PanelForm.FromState(Theirs())));

        Assert.Contains("alice@example.com changed Production at 2026-11-30 14:05:09 UTC", html.QuerySelector("h3")!.TextContent);
        Assert.Equal("7", html.QuerySelector("input[name=theirVersion]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Only_the_fields_that_differ_are_marked_and_both_values_are_shown()
    {
        var yours = PanelForm.FromState(Theirs());
        yours.Enabled = false;
        yours.Rollout = "12.5";
        yours.Config = """{ "color": "green" }""";

        var rows = Rows(await RenderAsync(View(Role.Admin, Theirs(), yours)));

        Assert.Equal(("on", "off", true), rows["On/off"]);
        Assert.Equal(("30 %", "12.5 %", true), rows["Rollout"]);
        Assert.Equal(["On/off", "Rollout"], rows.Where(r => r.Value.Differs).Select(r => r.Key));
        Assert.Equal("1. if country is one of DE, AT → on", rows["Targeting rules"].Theirs);
    }

    [Fact]
    public async Task A_viewer_may_reload_but_not_apply_theirs_over()
    {
        var viewer = await RenderAsync(View(Role.Viewer, Theirs(), PanelForm.FromState(Theirs())));
        var editor = await RenderAsync(View(Role.Editor, Theirs(), PanelForm.FromState(Theirs())));

        Assert.NotNull(viewer.QuerySelector("button[value=reload]"));
        Assert.Null(viewer.QuerySelector("button[value=apply-mine]"));
        Assert.NotNull(editor.QuerySelector("button[value=apply-mine][hx-confirm]"));
        Assert.Contains("confirmed", editor.QuerySelector("button[value=apply-mine]")!.GetAttribute("hx-vals"));
    }
}
