/// The version `sitegen --version` prints.
public let sitegenVersion = "0.6.0"
