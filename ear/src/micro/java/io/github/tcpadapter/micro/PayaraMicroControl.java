package io.github.tcpadapter.micro;

import fish.payara.micro.ClusterCommandResult;
import fish.payara.micro.PayaraMicroRuntime;
import fish.payara.micro.boot.AdminCommandRunner;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The control MBean, over the runtime and the command runner that Micro handed out when it booted. */
final class PayaraMicroControl implements PayaraMicroControlMBean {

    private final PayaraMicroRuntime runtime;
    private final AdminCommandRunner commands;

    PayaraMicroControl(PayaraMicroRuntime runtime, AdminCommandRunner commands) {
        this.runtime = runtime;
        this.commands = commands;
    }

    @Override
    public String[] getApplications() {
        return runtime.getDeployedApplicationNames().toArray(String[]::new);
    }

    @Override
    public void deploy(String name, String contextRoot, String path) {
        runtime.deploy(name, contextRoot, new File(path));
        if (!runtime.getDeployedApplicationNames().contains(name)) {
            throw new IllegalStateException("Payara Micro did not deploy " + name + " (" + path
                    + "): its log says why");
        }
    }

    @Override
    public void undeploy(String name) {
        runtime.undeploy(name);
    }

    @Override
    public void setSystemProperty(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    // the password goes in a file, as asadmin's --passwordfile takes it, never on a command line
    @Override
    public void addUser(String name, String password, String group) {
        try {
            Path passwords = Files.createTempFile("micro-user", ".txt");
            try {
                Files.writeString(passwords, "AS_ADMIN_USERPASSWORD=" + password + "\n", StandardCharsets.UTF_8);
                ClusterCommandResult result = commands.run("create-file-user", "--groups", group,
                        "--passwordfile", passwords.toString(), name);
                if (result.getExitStatus() != ClusterCommandResult.ExitStatus.SUCCESS) {
                    throw new IllegalStateException("create-file-user " + name + " failed: " + result.getOutput(),
                            result.getFailureCause());
                }
            } finally {
                Files.deleteIfExists(passwords);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
