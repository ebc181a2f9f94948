namespace HappyHorse.Records
{
    /// <summary>
    /// Where each cmdlet's help lives online (Get-Help -Online, the HelpUri of its [Cmdlet]): its
    /// markdown in the repository the manifest's ProjectUri names. A test keeps the three in step.
    /// </summary>
    internal static class HelpLinks
    {
        public const string Docs = "https://github.com/happyhorse-ps/HappyHorse/blob/main/docs/en-US/";
    }
}
