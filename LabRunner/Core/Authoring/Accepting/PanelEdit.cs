using DiffPlex.Renderer;
using LabRunner.Labs;

namespace LabRunner.Authoring.Accepting;

/// <summary>One step's expected panel as the lab has it and as a real run gives it, ready to review and write back.</summary>
public sealed record PanelEdit(LabTask Task, Step Step, string OldPanel, string NewPanel)
{
    public string Name => $"{Task.Id}/{Step.Id}";

    /// <summary>The unified diff the author reviews (lab's panel → this run's).</summary>
    public string Diff => UnidiffRenderer.GenerateUnidiff(OldPanel.TrimEnd('\n') + "\n", NewPanel, "lab", "run",
        ignoreWhitespace: false, ignoreCase: false, contextLines: 3);

    /// <summary>
    /// Writes the accepted panels into the lab's own file text: a lab YAML by task and step id; a course Markdown lab in
    /// place, in the code block each panel came from (bottom first, so earlier blocks' lines stay where they were).
    /// </summary>
    public static string Apply(string text, bool markdown, IReadOnlyList<PanelEdit> accepted)
    {
        if (!markdown) return accepted.Aggregate(text, (t, e) => YamlPanelWriter.Replace(t, e.Task.Id, e.Step.Id, e.NewPanel));
        foreach (var e in accepted.OrderByDescending(e => e.Step.Expect!.Location.Line))
        {
            if (e.Step.Expect!.Location.Line <= 0) throw new UserErrorException($"{e.Name}: the Markdown reader did not say where its expected result is");
            text = MarkdownPanelWriter.Replace(text, e.Step.Expect.Location.Line, e.NewPanel);
        }
        return text;
    }
}
