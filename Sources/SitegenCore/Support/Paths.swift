/// `folder/name`, with one slash between them whether or not `folder` ends with one.
func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}
