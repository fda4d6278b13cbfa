using CourseNotes.Notebooks;

namespace CourseNotes.Runner.Tests;

/// <summary>The execution key covers what the outputs depend on, #!import'ed files included.</summary>
public class ExecutionCacheTests
{
    [Theory]
    [InlineData("aide.csx")]
    [InlineData("aide.ipynb")]
    public void An_imported_file_is_in_the_key(string imported)
    {
        string folder = ScratchNotebook.Folder();
        string helper = Path.Combine(folder, imported);
        if (imported.EndsWith(".csx", StringComparison.Ordinal)) File.WriteAllText(helper, "var aide = 1;");
        else ScratchNotebook.Write(folder, imported, "md:# Aide", "var aide = 1;");
        string path = ScratchNotebook.Write(folder, "cours.ipynb", $"#!import {imported}\nConsole.WriteLine(aide);");
        string key = ExecutionCache.Key(Notebook.Load(path), null);
        Assert.Equal(key, ExecutionCache.Key(Notebook.Load(path), null));

        if (imported.EndsWith(".csx", StringComparison.Ordinal)) File.WriteAllText(helper, "var aide = 2;");
        else
        {
            // An imported notebook's outputs and prose do not change what runs; its code does.
            var notebook = Notebook.Load(helper);
            notebook.Cells[0].Source = "# Aide, reformulée";
            notebook.Save(helper);
            Assert.Equal(key, ExecutionCache.Key(Notebook.Load(path), null));
            notebook.Cells[1].Source = "var aide = 2;";
            notebook.Save(helper);
        }
        Assert.NotEqual(key, ExecutionCache.Key(Notebook.Load(path), null));
        File.Delete(helper);
        Assert.NotEqual(key, ExecutionCache.Key(Notebook.Load(path), null));
    }
}
