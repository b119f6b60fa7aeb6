namespace LabRunner.Tui;

public enum QuestionKind { ShellConsent, Restart, Quit, Resume, Help }

public enum Choice { AllowOnce, AllowAll, Cancel, Yes, No, Continue, StartOver, Close }

/// <summary>A question the screen must put to the student before going on; the presenter decides what each answer does.</summary>
public sealed record Question(QuestionKind Kind, string Title, string Message, IReadOnlyList<QuestionChoice> Choices)
{
    /// <summary>The answer Esc gives.</summary>
    public Choice Dismiss => Choices[^1].Choice;
}

public sealed record QuestionChoice(Choice Choice, string Label);
