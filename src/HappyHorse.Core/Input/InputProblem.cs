namespace HappyHorse.Input
{
    /// <summary>One broken rule: the API field, the offending value (shortened) and what is allowed.</summary>
    internal sealed class InputProblem
    {
        public InputProblem(string field, string? value, string message)
        {
            Field = field;
            Value = value;
            Message = message;
        }

        public string Field { get; }
        public string? Value { get; }
        public string Message { get; }

        public override string ToString() => Message;
    }
}
