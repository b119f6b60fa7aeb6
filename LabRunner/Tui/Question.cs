namespace LabRunner.Tui;

public enum QuestionKind { ShellConsent, Restart, Quit, Resume, Help, ResetStep, Completed, CheckResults, SetupConsent, StartFailed }

public enum Choice { AllowOnce, AllowAll, Cancel, Yes, No, Continue, StartOver, Close, Replay, CheckMyWork, Quit }

/// <summary>A question the screen must put to the student before going on; the presenter decides what each answer does.</summary>
public sealed record Question(QuestionKind Kind, string Title, string Message, IReadOnlyList<QuestionChoice> Choices)
{
    /// <summary>The answer Enter gives before the student moves (the harmless one: "No" for anything that throws work away).</summary>
    public Choice Default { get; init; } = Choices[0].Choice;

    /// <summary>The answer Esc gives (the last choice unless the question says otherwise).</summary>
    public Choice Dismiss { get; init; } = Choices[^1].Choice;
}

public sealed record QuestionChoice(Choice Choice, string Label);
