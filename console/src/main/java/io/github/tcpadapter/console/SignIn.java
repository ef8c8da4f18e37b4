package io.github.tcpadapter.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Where the page's "sign in" link leads: {@link ConsoleAccessFilter} asks for credentials, then back to the page. */
@WebServlet(SignIn.PATH)
public class SignIn extends HttpServlet {

    static final String PATH = "/login";
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/");
    }
}
