using Markdig.Syntax;

namespace LabRunner.Authoring.Markdown;

internal sealed partial class MarkdownWalker
{
    /// <summary>The "Preguntas" / "Questions" sections, as Markdown, with the task each follows: shown after it, never run.</summary>
    private readonly List<(TaskDraft? After, string Markdown)> _questions = [];

    private TaskDraft? _questionsAfter;

    /// <summary>How many code blocks the open questions section holds (said once, at its heading, when it ends).</summary>
    private int _questionCode;

    private void StartQuestions(HeadingBlock heading)
    {
        _questionsAfter = _tasks.LastOrDefault();
        _questions.Add((_questionsAfter, Slice(heading)));
        _questionCode = 0;
    }

    /// <summary>
    /// A block of a questions section. Its code is what the student is asked about ("¿Qué devuelve esta consulta?"): run
    /// by the reader it would act on the database after the lab's cleanup, or answer the question for the student.
    /// </summary>
    private void Question(Block block)
    {
        _questions.Add((_questionsAfter, Slice(block)));
        IEnumerable<CodeBlock> codes = block is CodeBlock own ? [own] : block is ContainerBlock container ? container.Descendants<CodeBlock>() : [];
        foreach (var code in codes)
        {
            _questionCode++;
            var lines = MarkdownSlices.CodeLines(code);
            _state.Record(new MapDraft(Line(code), lines.Count == 0 ? Line(code) : lines[^1].Line + 1, MapElement.Text, "question",
                $"code in section \"{_sectionTitle}\" (questions for the student): shown, never run"));
        }
    }

    /// <summary>Each questions section goes to the text of the task it follows (the lab's introduction when none does).</summary>
    private void PlaceQuestions(List<TaskDraft> tasks)
    {
        foreach (var (after, markdown) in _questions)
        {
            // A section after a task that was folded away (no steps) goes to the nearest real task before it.
            var index = after is null ? -1 : _tasks.IndexOf(after);
            var target = _tasks.Take(index + 1).LastOrDefault(tasks.Contains);
            (target?.Text ?? _introduction).Add(markdown);
        }
    }

    private void EndQuestions()
    {
        if (_questionCode > 0)
            _warnings.Add(new(_sectionLine, $"section \"{_sectionTitle}\" asks the student questions: its {_questionCode} code block(s) are shown after the task before it, never run", IsInfo: true));
        _questionCode = 0;
    }
}
