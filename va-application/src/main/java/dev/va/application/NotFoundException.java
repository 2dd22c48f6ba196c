package dev.va.application;

/**
 * The resource does not exist, or belongs to someone else: the two are reported the same way so an id never tells
 * whether another user's resource exists.
 */
public class NotFoundException extends RuntimeException {
  private final String resource;

  public NotFoundException(String resource) {
    super(resource + " not found");
    this.resource = resource;
  }

  public String resource() {
    return resource;
  }
}
