namespace HappyHorse { internal static class Placeholder { } }
