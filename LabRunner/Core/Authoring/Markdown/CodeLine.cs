namespace LabRunner.Authoring.Markdown;

/// <summary>One line of a code block with its 1-based Markdown line number.</summary>
internal readonly record struct CodeLine(string Text, int Line);
