using CourseNotes.Kernel.Magics;

namespace CourseNotes.Kernel.Tests.Magics;

public class VariableTableTests
{
    private static readonly (string, Type, object?)[] Variables =
        [("a", typeof(int), 1), ("mots", typeof(string), "deux <mots>"), ("a", typeof(double), 2.5), ("<>generated", typeof(int), 0)];

    [Fact]
    public void Whos_lists_name_type_and_value_with_a_redeclared_name_once()
    {
        var bundle = VariableTable.Format(Variables, detailed: true);
        string text = (string)bundle.Data["text/plain"]!;
        Assert.Equal(["Variable  Type           Valeur", "a         System.Double  2.5", "mots      System.String  deux <mots>"], text.Split('\n'));
        string html = (string)bundle.Data["text/html"]!;
        Assert.Contains("<td>mots</td><td>System.String</td>", html);
        Assert.Contains("deux &lt;mots&gt;", html); // values are escaped
        Assert.DoesNotContain("generated", html);
    }

    [Fact]
    public void Who_lists_the_names_only()
    {
        var bundle = VariableTable.Format(Variables, detailed: false);
        Assert.Equal("a\tmots", (string?)bundle.Data["text/plain"]);
    }

    [Fact]
    public void An_empty_state_says_so()
    {
        Assert.Equal("Aucune variable définie.", (string?)VariableTable.Format([], detailed: true).Data["text/plain"]);
    }
}
