using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace CourseNotes.Kernel.Interrupts;

/// <summary>
/// Rewrites a cell so that it observes interrupts (<see cref="Interruption"/>), keeping every line where it
/// was (calls are inserted inside existing lines, so compiler and stack-trace line numbers are the cell's):
/// <list type="bullet">
/// <item>a loop body (<c>while</c>, <c>do</c>, <c>for</c>, <c>foreach</c>) starts with <c>Check()</c>: every back-edge checks;</item>
/// <item>a method, local function, accessor or lambda body starts with <c>Check()</c> (recursion, LINQ
/// operators and <c>Parallel.For</c> call them); an expression body becomes a block, <c>{ Check(); return e; }</c>
/// or <c>{ Check(); e; }</c> as the bound symbol says — except lambdas converted to expression trees
/// (<c>IQueryable</c>), which are left alone;</item>
/// <item><c>await t</c> becomes <c>await Observe(t)</c> when <c>t</c> is a Task or ValueTask, so an interrupt ends a
/// long <c>Task.Delay</c> without waiting for it;</item>
/// <item>each top-level statement starts with <c>Enter()</c>, which records the thread a blocking wait would block.</item>
/// </list>
/// The semantic model of the original cell decides the shapes; if the rewritten cell does not compile
/// (a construct this rewriter does not know), the engine runs the original, which then cannot be
/// interrupted except in blocking waits.
/// </summary>
public sealed class InterruptRewriter(SemanticModel model) : CSharpSyntaxRewriter
{
    private static readonly ExpressionSyntax Runtime = ParseExpression("global::CourseNotes.Kernel.Interrupts.Interruption");

    /// <summary>The rewritten text of <paramref name="tree"/>'s root, with the same line breaks.</summary>
    public static string Rewrite(SyntaxTree tree, SemanticModel model) =>
        new InterruptRewriter(model).Visit(tree.GetRoot()).ToFullString();

    private static StatementSyntax Call(string method) =>
        ExpressionStatement(InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Runtime, IdentifierName(method))))
            .WithTrailingTrivia(Space);

    private static BlockSyntax WithCheck(StatementSyntax body)
    {
        if (body is BlockSyntax block)
            return block.WithStatements(block.Statements.Insert(0, Call("Check")));
        // An embedded statement keeps its trivia outside the new braces, so lines do not move.
        var inner = body.WithoutLeadingTrivia().WithoutTrailingTrivia();
        return Block(Call("Check"), inner)
            .WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(Space))
            .WithCloseBraceToken(Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(Space))
            .WithLeadingTrivia(body.GetLeadingTrivia()).WithTrailingTrivia(body.GetTrailingTrivia());
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitCompilationUnit(CompilationUnitSyntax node)
    {
        var visited = (CompilationUnitSyntax)base.VisitCompilationUnit(node)!;
        var members = new List<MemberDeclarationSyntax>();
        foreach (var member in visited.Members)
        {
            if (member is GlobalStatementSyntax statement && statement.Statement is not LocalFunctionStatementSyntax)
            {
                // Enter(); goes after the statement's leading trivia (directives, comments), on the same line.
                members.Add(GlobalStatement(Call("Enter")).WithLeadingTrivia(statement.GetLeadingTrivia()));
                members.Add(statement.WithoutLeadingTrivia());
            }
            else members.Add(member);
        }
        return visited.WithMembers(List(members));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(WithCheck(visited.Statement));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitAwaitExpression(AwaitExpressionSyntax node)
    {
        var type = model.GetTypeInfo(node.Expression).Type;
        var visited = (AwaitExpressionSyntax)base.VisitAwaitExpression(node)!;
        if (!IsTask(type)) return visited;
        var observed = InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Runtime, IdentifierName("Observe")),
            ArgumentList(SingletonSeparatedList(Argument(visited.Expression.WithoutTrivia()))));
        return visited.WithExpression(observed.WithTriviaFrom(visited.Expression));
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitInterpolation(InterpolationSyntax node)
    {
        var visited = (InterpolationSyntax)base.VisitInterpolation(node)!;
        if (visited.Expression.IsEquivalentTo(node.Expression)) return visited;
        // A rewritten hole goes in parentheses: a bare "global::" in it would read as the hole's format specifier.
        return visited.WithExpression(ParenthesizedExpression(visited.Expression.WithoutTrivia()).WithTriviaFrom(visited.Expression));
    }

    private static bool IsTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol { ContainingNamespace: { Name: "Tasks", ContainingNamespace: { Name: "Threading", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } } named
        && named.Name is "Task" or "ValueTask" && named.Arity <= 1;

    /// <inheritdoc />
    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var symbol = model.GetDeclaredSymbol(node);
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(WithCheck(body));
        if (visited.ExpressionBody is { } arrow && symbol is { ReturnsByRef: false, ReturnsByRefReadonly: false })
            return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Bodied(arrow.Expression, ReturnsNothing(symbol)))
                .WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia);
        return visited;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var symbol = model.GetDeclaredSymbol(node) as IMethodSymbol;
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body) return visited.WithBody(WithCheck(body));
        if (visited.ExpressionBody is { } arrow && symbol is { ReturnsByRef: false, ReturnsByRefReadonly: false })
            return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Bodied(arrow.Expression, ReturnsNothing(symbol)))
                .WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia);
        return visited;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(WithCheck(body)) : visited;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(WithCheck(body)) : visited;
    }

    /// <inheritdoc />
    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node) => Lambda(node, base.VisitSimpleLambdaExpression(node));

    /// <inheritdoc />
    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node) => Lambda(node, base.VisitParenthesizedLambdaExpression(node));

    /// <inheritdoc />
    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBody(WithCheck(visited.Block));
    }

    private SyntaxNode? Lambda(LambdaExpressionSyntax original, SyntaxNode? visitedNode)
    {
        if (visitedNode is not LambdaExpressionSyntax visited) return visitedNode;
        var converted = model.GetTypeInfo(original).ConvertedType;
        if (converted is INamedTypeSymbol { Name: "Expression" or "LambdaExpression", ContainingNamespace.Name: "Expressions" })
            return visited; // an expression tree is data, not code to interrupt
        if (visited.Block is { } block) return visited.WithBlock(WithCheck(block));
        if (visited.ExpressionBody is { } body && model.GetSymbolInfo(original).Symbol is IMethodSymbol { ReturnsByRef: false, ReturnsByRefReadonly: false } symbol)
            return visited.WithExpressionBody(null).WithBlock(Bodied(body, ReturnsNothing(symbol)));
        return visited;
    }

    /// <summary>True when the body's value is not returned: void, or an async method returning a non-generic Task/ValueTask.</summary>
    private static bool ReturnsNothing(IMethodSymbol symbol) =>
        symbol.ReturnsVoid || (symbol.IsAsync && symbol.ReturnType is INamedTypeSymbol { Arity: 0 } r && IsTask(r));

    private static BlockSyntax Bodied(ExpressionSyntax expression, bool returnsNothing)
    {
        StatementSyntax statement = expression is ThrowExpressionSyntax thrown
            ? ThrowStatement(Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(Space), thrown.Expression.WithoutTrivia(), Token(SyntaxKind.SemicolonToken))
            : returnsNothing
            ? ExpressionStatement(expression.WithoutTrivia())
            : ReturnStatement(Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space), expression.WithoutTrivia(), Token(SyntaxKind.SemicolonToken));
        return Block(Call("Check"), statement.WithTrailingTrivia(Space))
            .WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(Space))
            .WithLeadingTrivia(expression.GetLeadingTrivia()).WithTrailingTrivia(expression.GetTrailingTrivia());
    }
}
