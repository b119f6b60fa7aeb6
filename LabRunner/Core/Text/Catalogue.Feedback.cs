using LabRunner.Checking;

namespace LabRunner.Text;

/// <summary>
/// A student's grading feedback in words. <see cref="SayWithoutExpected"/> tells what differs using only the student's
/// own values (a lab's `feedback: differences` keeps the expected answers hidden).
/// </summary>
public partial class Catalogue
{
    /// <summary>Why a check did not pass, naming what the student's result has, never what was expected.</summary>
    public string SayWithoutExpected(VerdictReason reason) => reason switch
    {
        CellDiffers r => HiddenCell(Row(r.Row), r.Column, CellWords(r.Got))
            + (r.Counts is { } c ? "; " + HiddenRowCount(c.Got) : ""),
        RowCountDiffers r => HiddenRowCount(r.Got) + (r.Unexpected is { } u ? RowUnexpected(u.Row, Cells(u.Cells)) : ""),
        ColumnsDiffer r => HiddenColumns(string.Join(", ", r.Got)),
        ColumnMissing r => HiddenColumns(string.Join(", ", r.Got)),
        ExpectedNoRows r => HiddenRowCount(r.Got),
        TagDiffers r => HiddenResult(r.Got),
        WrongError r => HiddenResult(Say(r.Got)),
        WrongErrorMessage r => HiddenResult(Say(r.Got)),
        NoError _ => HiddenNoError,
        Checking.NoticeMissing or Checking.NoticeDiffers => HiddenNotice,
        Checking.OutputLacks or Checking.OutputDoesNotMatch => HiddenOutput,
        TooFewResults r => HiddenResults(r.Got),
        Checking.StillNotMatching r => SayWithoutExpected(r.Last),
        Checking.MatchedAfter r => SayWithoutExpected(r.Matched),
        _ => Say(reason), // the rest name no expected value: errors, timeouts, unreachable, "expected a table, got an error"
    };

    public virtual string HiddenCell(string row, string column, string got) => $"{row}, {column}: {got} is not the expected value";
    public virtual string HiddenRowCount(long got) => $"{Rows(got)} is not the expected number of rows";
    public virtual string HiddenColumns(string got) => $"the columns ({got}) are not the expected ones";
    public virtual string HiddenResult(string got) => $"{got} is not the expected result";
    public virtual string HiddenNoError => "the statement ran without the error it should give";
    public virtual string HiddenNotice => "the notices differ from the expected ones";
    public virtual string HiddenOutput => "the output is not the expected one";
    public virtual string HiddenResults(int got) => $"{Results(got)} is not the expected number of results";

    // ---- the feedback file ---------------------------------------------------------------------------------------

    public virtual string FeedbackTitle(string lab) => $"Feedback: {lab}";
    public virtual string FeedbackStudent => "Student";
    public virtual string FeedbackScore => "Score";
    public virtual string FeedbackCheck => "Check";
    public virtual string FeedbackResult => "Result";
    public virtual string FeedbackPoints => "Points";
    public virtual string FeedbackWhy => "What differs";
    public virtual string FeedbackExpected => "Expected";
    public virtual string FeedbackYours => "Your result";
    public virtual string FeedbackNotGraded(string why) => $"Your database could not be graded: {why}";
    public virtual string FeedbackAllPassed => "Every check passed.";
}
