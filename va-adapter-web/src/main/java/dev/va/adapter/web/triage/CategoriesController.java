package dev.va.adapter.web.triage;

import dev.va.adapter.web.RequestContext;
import dev.va.adapter.web.WebServer;
import dev.va.adapter.web.http.ErrorResponse;
import dev.va.adapter.web.identity.Auth;
import dev.va.application.port.in.CategoryUseCases.CreateCategory;
import dev.va.application.port.in.CategoryUseCases.CreateCategoryCommand;
import dev.va.application.port.in.CategoryUseCases.DeleteCategory;
import dev.va.application.port.in.CategoryUseCases.DescribeCategory;
import dev.va.application.port.in.CategoryUseCases.DescribeCategoryCommand;
import dev.va.application.port.in.CategoryUseCases.GetCategory;
import dev.va.application.port.in.CategoryUseCases.ListCategories;
import dev.va.domain.mail.UserCategory;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiRequired;
import io.javalin.openapi.OpenApiResponse;
import io.javalin.openapi.OpenApiSecurity;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The categories mail is sorted into: the built-in ones and the caller's own (a name and a description, which the
 * language model is shown). Corrections take any of them; deleting one of the caller's leaves messages that have it
 * and rules that name it as they are (docs/TRIAGE.md, "Categories").
 */
public final class CategoriesController {
  static final String NAME = "lower case: a letter, then letters, digits and '_', at most 50; no built-in name";
  static final String DESCRIPTION = "what belongs in the category, at most 500 characters";

  public record CreateCategoryRequest(
      @OpenApiRequired @OpenApiDescription(NAME) String name,
      @OpenApiRequired @OpenApiDescription(DESCRIPTION) String description) {}

  public record DescribeCategoryRequest(@OpenApiRequired @OpenApiDescription(DESCRIPTION) String description) {}

  /** The built-in categories, then the caller's own, oldest first. */
  public record CategoryList(List<CategoryView> items) {}

  private final CreateCategory createCategory;
  private final ListCategories listCategories;
  private final GetCategory getCategory;
  private final DescribeCategory describeCategory;
  private final DeleteCategory deleteCategory;

  @Inject
  public CategoriesController(CreateCategory createCategory, ListCategories listCategories, GetCategory getCategory,
      DescribeCategory describeCategory, DeleteCategory deleteCategory) {
    this.createCategory = createCategory;
    this.listCategories = listCategories;
    this.getCategory = getCategory;
    this.describeCategory = describeCategory;
    this.deleteCategory = deleteCategory;
  }

  @OpenApi(
      path = TriageRoutes.CATEGORIES,
      methods = HttpMethod.POST,
      operationId = "createCategory",
      summary = "Create a category of the caller's own",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      requestBody = @OpenApiRequestBody(required = true,
          content = @OpenApiContent(from = CreateCategoryRequest.class)),
      responses = {
        @OpenApiResponse(status = "201", content = @OpenApiContent(from = CategoryView.class)),
        @OpenApiResponse(status = "400", description = "invalid or built-in name, invalid description",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "duplicate: the caller has a category of that name; "
            + "category_limit: the caller has 50 already", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void create(Context ctx) {
    CreateCategoryRequest in = ctx.bodyAsClass(CreateCategoryRequest.class);
    UserCategory category = createCategory.create(new CreateCategoryCommand(Auth.user(ctx), in.name(),
        in.description(), RequestContext.of(ctx).meta()));
    ctx.header(Header.LOCATION, TriageRoutes.CATEGORIES + "/" + category.name());
    ctx.status(HttpStatus.CREATED).json(CategoryView.of(category));
  }

  @OpenApi(
      path = TriageRoutes.CATEGORIES,
      methods = HttpMethod.GET,
      operationId = "listCategories",
      summary = "The built-in categories, then the caller's own, oldest first",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = CategoryList.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void list(Context ctx) {
    ctx.json(new CategoryList(listCategories.list(Auth.user(ctx)).stream().map(CategoryView::of).toList()));
  }

  @OpenApi(
      path = TriageRoutes.CATEGORY,
      methods = HttpMethod.GET,
      operationId = "getCategory",
      summary = "A built-in category or one of the caller's",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "category", required = true, description = "the category's name"),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = CategoryView.class)),
        @OpenApiResponse(status = "400", description = "malformed name",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void show(Context ctx) {
    ctx.json(CategoryView.of(getCategory.get(Auth.user(ctx), name(ctx))));
  }

  @OpenApi(
      path = TriageRoutes.CATEGORY,
      methods = HttpMethod.PATCH,
      operationId = "describeCategory",
      summary = "Change the description of one of the caller's categories (names never change)",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "category", required = true, description = "the category's name"),
      requestBody = @OpenApiRequestBody(required = true,
          content = @OpenApiContent(from = DescribeCategoryRequest.class)),
      responses = {
        @OpenApiResponse(status = "200", content = @OpenApiContent(from = CategoryView.class)),
        @OpenApiResponse(status = "400", description = "malformed name, invalid description",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "built_in_category: built-in categories cannot be changed",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void describe(Context ctx) {
    DescribeCategoryRequest in = ctx.bodyAsClass(DescribeCategoryRequest.class);
    ctx.json(CategoryView.of(describeCategory.describe(new DescribeCategoryCommand(Auth.user(ctx), name(ctx),
        in.description(), RequestContext.of(ctx).meta()))));
  }

  @OpenApi(
      path = TriageRoutes.CATEGORY,
      methods = HttpMethod.DELETE,
      operationId = "deleteCategory",
      summary = "Delete one of the caller's categories; messages keep it, rules naming it stop matching, and the "
          + "caller's classifier forgets it",
      tags = "triage",
      security = @OpenApiSecurity(name = WebServer.BEARER_SCHEME),
      pathParams = @OpenApiParam(name = "category", required = true, description = "the category's name"),
      responses = {
        @OpenApiResponse(status = "204"),
        @OpenApiResponse(status = "400", description = "malformed name",
            content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "401", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "404", content = @OpenApiContent(from = ErrorResponse.class)),
        @OpenApiResponse(status = "409", description = "built_in_category: built-in categories cannot be deleted",
            content = @OpenApiContent(from = ErrorResponse.class))
      })
  public void delete(Context ctx) {
    deleteCategory.delete(Auth.user(ctx), name(ctx), RequestContext.of(ctx).meta());
    ctx.status(HttpStatus.NO_CONTENT);
  }

  private static String name(Context ctx) {
    return ctx.pathParam("category");
  }
}
