using HappyHorse.Download;

namespace HappyHorse.Records
{
    /// <summary>The JSON sidecar Save-HHVideo writes next to a video: the job and row it came from.</summary>
    internal static class ResultSidecar
    {
        public static VideoSidecar For(HHJobResult result, int outputIndex) => new VideoSidecar
        {
            RequestId = result.RequestId,
            Model = result.Job?.Model,
            Status = result.Status,
            BaseUri = string.IsNullOrEmpty(result.BaseUri) ? null : result.BaseUri,
            Index = result.Job?.Index,
            OutputIndex = outputIndex,
            Input = result.Job?.Input,
            SubmittedAt = result.Job?.SubmittedAt,
            CreatedAt = result.CreatedAt,
            FinishedAt = result.FinishedAt,
            Cost = result.Cost,
        };
    }
}
